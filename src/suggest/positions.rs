//! Where each id is in a list (a student's row, an ambassador's column): ids are SQLite row
//! ids, usually numbered one after the other, so a table indexed by id is both smaller and
//! faster than a hash map — what 150,000 forbidden pairs, each looked up twice, notice. Ids too
//! spread out for a table fall back to a hash map.

use rustc_hash::FxHashMap as HashMap;

pub enum Positions {
    /// `table[id - first]`: the position, or `u32::MAX` for an id not in the list.
    Table {
        first: i64,
        table: Vec<u32>,
    },
    Map(HashMap<i64, usize>),
}

const ABSENT: u32 = u32::MAX;

impl Positions {
    /// The positions of `ids` (an id met twice: its first position).
    pub fn of(ids: &[i64]) -> Positions {
        let (Some(&low), Some(&high)) = (ids.iter().min(), ids.iter().max()) else {
            return Positions::Map(HashMap::default());
        };
        let span = high.checked_sub(low).and_then(|s| usize::try_from(s).ok());
        match span {
            // At most a few gaps per id: the table stays about as small as a map would be.
            Some(span) if span < 4 * ids.len() + 64 && ids.len() < ABSENT as usize => {
                let mut table = vec![ABSENT; span + 1];
                for (position, &id) in ids.iter().enumerate().rev() {
                    table[(id - low) as usize] = position as u32;
                }
                Positions::Table { first: low, table }
            }
            _ => {
                let mut map = HashMap::default();
                for (position, &id) in ids.iter().enumerate() {
                    map.entry(id).or_insert(position);
                }
                Positions::Map(map)
            }
        }
    }

    pub fn get(&self, id: i64) -> Option<usize> {
        match self {
            Positions::Table { first, table } => {
                let at = usize::try_from(id.checked_sub(*first)?).ok()?;
                table.get(at).filter(|&&p| p != ABSENT).map(|&p| p as usize)
            }
            Positions::Map(map) => map.get(&id).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_id_whether_close_together_or_spread_out() {
        for ids in [
            vec![5, 6, 7, 9, 8],
            vec![3, 1_000_000, -7, i64::MAX, i64::MIN],
            vec![10, 10, 11],
        ] {
            let positions = Positions::of(&ids);
            for (at, id) in ids.iter().enumerate() {
                let first = ids.iter().position(|x| x == id);
                assert_eq!(positions.get(*id), first, "{ids:?}: {id} at {at}");
            }
            for absent in [4, 12, 999, i64::MIN + 1, i64::MAX - 1] {
                if !ids.contains(&absent) {
                    assert_eq!(positions.get(absent), None, "{ids:?}: {absent}");
                }
            }
        }
        assert!(matches!(Positions::of(&[5, 6, 7]), Positions::Table { .. }));
        assert!(matches!(Positions::of(&[1, 1 << 40]), Positions::Map(_)));
        assert_eq!(Positions::of(&[]).get(0), None);
    }
}
