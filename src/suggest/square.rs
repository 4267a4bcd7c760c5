//! Jonker and Volgenant's algorithm for the *square, complete* assignment problem (every row
//! may take every column, as many rows as columns), on integer costs (16 or 32 bits): column
//! reduction, reduction transfer, on tie-heavy costs a first pass where free rows take a free
//! column at its least cost, augmenting row reduction (twice, then while a pass still settles a
//! tenth of the rows), then shortest augmenting paths with one pass over the unscanned columns
//! per step. (R. Jonker, A. Volgenant, "A shortest augmenting path algorithm for dense and
//! sparse linear assignment problems", Computing 38, 1987.)
//!
//! [`super::assignment`] uses it when the problem is complete and has no more places than rows
//! (each row's "left out" option then becomes a column of its own): there, the potentials need
//! no sign constraint, which lets the column reduction start every column at its cheapest row —
//! the reason this is several times faster than the rectangular solver on dense instances. The
//! caller does that column reduction itself while its threads write the costs, and hands it to
//! [`solve_reduced`]; [`solve`] does it here. Costs are 16-bit when they all fit (half the memory
//! to write, then to read), 32-bit otherwise ([`Cost`]).

const NONE: u32 = u32::MAX;

/// A cost as the matrix holds it: 16 bits when every cost fits, which halves what the solver
/// reads (and what a caller writes), else 32.
pub trait Cost: Copy + Send + Sync {
    const LOWEST: i64;
    const HIGHEST: i64;
    /// `x`, known to be within `LOWEST..=HIGHEST`.
    fn from_i64(x: i64) -> Self;
    fn to_i64(self) -> i64;
    fn to_i32(self) -> i32;
}

impl Cost for i16 {
    const LOWEST: i64 = i16::MIN as i64;
    const HIGHEST: i64 = i16::MAX as i64;
    fn from_i64(x: i64) -> Self {
        debug_assert!((Self::LOWEST..=Self::HIGHEST).contains(&x));
        x as i16
    }
    fn to_i64(self) -> i64 {
        i64::from(self)
    }
    fn to_i32(self) -> i32 {
        i32::from(self)
    }
}

impl Cost for i32 {
    const LOWEST: i64 = i32::MIN as i64;
    const HIGHEST: i64 = i32::MAX as i64;
    fn from_i64(x: i64) -> Self {
        debug_assert!((Self::LOWEST..=Self::HIGHEST).contains(&x));
        x as i32
    }
    fn to_i64(self) -> i64 {
        i64::from(self)
    }
    fn to_i32(self) -> i32 {
        self
    }
}

/// For each row, its column in a minimum-cost assignment. `cost` is row-major, `n × n`.
pub fn solve<T: Cost>(n: usize, cost: &[T]) -> Vec<usize> {
    debug_assert_eq!(cost.len(), n * n);
    if n == 0 {
        return Vec::new();
    }
    // Column reduction: each column's cheapest row (the first on ties), read row by row.
    let mut v: Vec<i64> = cost[..n].iter().map(|&c| c.to_i64()).collect();
    let mut best_row = vec![0u32; n];
    for i in 1..n {
        for ((v, b), &c) in v
            .iter_mut()
            .zip(&mut best_row)
            .zip(&cost[i * n..(i + 1) * n])
        {
            let c: i64 = c.to_i64();
            if c < *v {
                *v = c;
                *b = i as u32;
            }
        }
    }
    solve_reduced(n, cost, v, best_row)
}

/// [`solve`], given each column's least cost and the first row at it (the column reduction,
/// which a caller writing the costs can do on the way).
pub fn solve_reduced<T: Cost>(
    n: usize,
    cost: &[T],
    column_min: Vec<i64>,
    best_row: Vec<u32>,
) -> Vec<usize> {
    debug_assert_eq!(cost.len(), n * n);
    if n == 0 {
        return Vec::new();
    }
    let row = |i: usize| &cost[i * n..(i + 1) * n];
    let mut v = column_min;
    let mut row_col = vec![NONE; n];
    let mut col_row = vec![NONE; n];

    let mut matches = vec![0u32; n];
    for j in (0..n).rev() {
        let i = best_row[j] as usize;
        matches[i] += 1;
        if matches[i] == 1 {
            row_col[i] = j as u32;
            col_row[j] = i as u32;
        } else if v[j] < v[row_col[i] as usize] {
            let previous = row_col[i] as usize;
            row_col[i] = j as u32;
            col_row[j] = i as u32;
            col_row[previous] = NONE;
        }
    }
    // Reduction transfer: a row holding its only cheapest column gives it the slack it has
    // towards its second choice.
    let mut free: Vec<u32> = Vec::new();
    for i in 0..n {
        match matches[i] {
            0 => free.push(i as u32),
            1 => {
                let j1 = row_col[i] as usize;
                let slack = row(i)
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != j1)
                    .map(|(j, &c)| c.to_i64() - v[j])
                    .min();
                if let Some(slack) = slack {
                    v[j1] -= slack;
                }
            }
            _ => {}
        }
    }

    // When most rows are still free, most columns share their cheapest rows: costs with many
    // ties. A free row then usually has a free column where it is at the column's least cost
    // (a zero of the reduced costs): it takes the first one, which disturbs nobody. The scan
    // stops there, where the augmenting row reduction would read the whole row (2000 × 2000
    // with scores 0–10: 1,936 rows free, 7 left after this).
    if free.len() * 2 > n {
        free.retain(|&i| {
            let i = i as usize;
            let zero = row(i)
                .iter()
                .zip(&v)
                .zip(&col_row)
                .position(|((&c, &vj), &holder)| holder == NONE && c.to_i64() == vj);
            match zero {
                Some(j) => {
                    row_col[i] = j as u32;
                    col_row[j] = i as u32;
                    false
                }
                None => true,
            }
        });
    }

    // Augmenting row reduction: twice, as Jonker and Volgenant do, then again while a pass still
    // settles a tenth of the rows left — a pass costs about one scan per row, far less than the
    // shortest paths it spares (2000 × 2000: 157 rows left after two passes, 123 after four).
    let mut pass = 0;
    while pass < 8 && !free.is_empty() {
        pass += 1;
        let todo = std::mem::take(&mut free);
        let mut k = 0;
        let mut again: Option<u32> = None;
        loop {
            let i = match again.take() {
                Some(i) => i as usize,
                None if k < todo.len() => {
                    k += 1;
                    todo[k - 1] as usize
                }
                None => break,
            };
            let (mut u1, mut j1) = (i64::MAX, 0usize);
            let (mut u2, mut j2) = (i64::MAX, 0usize);
            for (j, &c) in row(i).iter().enumerate() {
                let h = c.to_i64() - v[j];
                if h < u2 {
                    if h >= u1 {
                        u2 = h;
                        j2 = j;
                    } else {
                        u2 = u1;
                        j2 = j1;
                        u1 = h;
                        j1 = j;
                    }
                }
            }
            let mut evicted = col_row[j1];
            if u1 < u2 {
                v[j1] -= u2 - u1;
            } else if evicted != NONE {
                // A tie at the minimum: a free column there, if any, is taken and nobody is
                // evicted (without this, tie-heavy costs bounce rows between two columns and
                // leave most of them to the slower shortest paths). Searched only on ties,
                // so the scan above stays lean.
                j1 = row(i)
                    .iter()
                    .zip(&v)
                    .zip(&col_row)
                    .position(|((&c, &vj), &holder)| holder == NONE && c.to_i64() - vj == u1)
                    .unwrap_or(j2);
                evicted = col_row[j1];
            }
            row_col[i] = j1 as u32;
            col_row[j1] = i as u32;
            if evicted != NONE {
                row_col[evicted as usize] = NONE;
                if u1 < u2 {
                    again = Some(evicted);
                } else {
                    free.push(evicted);
                }
            }
        }
        if pass >= 2 && free.len() * 10 > todo.len() * 9 {
            break;
        }
    }

    // Shortest augmenting paths for the rows still free.
    let mut d = vec![0i64; n];
    let mut pred = vec![0u32; n];
    // Columns in three parts: settled [0, low), at the current minimum [low, up), others.
    let mut columns: Vec<u32> = Vec::with_capacity(n);
    for &start in &free {
        let start = start as usize;
        columns.clear();
        columns.extend(0..n as u32);
        for (j, &c) in row(start).iter().enumerate() {
            d[j] = c.to_i64() - v[j];
            pred[j] = start as u32;
        }
        let (mut low, mut up) = (0usize, 0usize);
        let mut last = 0usize;
        let mut min = 0i64;
        let end = 'search: loop {
            if up == low {
                // Gather every column at the new minimum distance.
                last = low;
                min = d[columns[up] as usize];
                up += 1;
                // `up` grows inside the loop, on purpose: the scan still covers every column
                // from where it started.
                #[allow(clippy::mut_range_bound)]
                for k in up..n {
                    let j = columns[k] as usize;
                    let h = d[j];
                    if h <= min {
                        if h < min {
                            up = low;
                            min = h;
                        }
                        columns.swap(k, up);
                        up += 1;
                    }
                }
                for &j in &columns[low..up] {
                    if col_row[j as usize] == NONE {
                        break 'search j as usize;
                    }
                }
            }
            // Settle one column at the minimum and relax through the row holding it.
            let j1 = columns[low] as usize;
            low += 1;
            let i = col_row[j1] as usize;
            let costs = row(i);
            let h = costs[j1].to_i64() - v[j1] - min;
            let mut k = up;
            while k < n {
                let j = columns[k] as usize;
                let reached = costs[j].to_i64() - v[j] - h;
                if reached < d[j] {
                    pred[j] = i as u32;
                    d[j] = reached;
                    if reached == min {
                        if col_row[j] == NONE {
                            break 'search j;
                        }
                        columns.swap(k, up);
                        up += 1;
                    }
                }
                k += 1;
            }
        };
        // Settled columns: [0, last) were settled before the last gathering, and those
        // settled since ([last, low)) are at distance `min`, so they need no update.
        for &j in &columns[..last] {
            let j = j as usize;
            v[j] += d[j] - min;
        }
        let mut j = end;
        loop {
            let i = pred[j] as usize;
            col_row[j] = i as u32;
            let previous = row_col[i];
            row_col[i] = j as u32;
            if i == start {
                break;
            }
            j = previous as usize;
        }
    }
    row_col.iter().map(|&j| j as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(n: usize, cost: &[i32], assignment: &[usize]) -> i64 {
        (0..n).map(|i| i64::from(cost[i * n + assignment[i]])).sum()
    }

    fn brute_force(n: usize, cost: &[i32]) -> i64 {
        fn go(i: usize, n: usize, used: &mut [bool], cost: &[i32], sum: i64, best: &mut i64) {
            if i == n {
                *best = (*best).min(sum);
                return;
            }
            for j in 0..n {
                if !used[j] {
                    used[j] = true;
                    go(i + 1, n, used, cost, sum + i64::from(cost[i * n + j]), best);
                    used[j] = false;
                }
            }
        }
        let mut best = i64::MAX;
        go(0, n, &mut vec![false; n], cost, 0, &mut best);
        best
    }

    #[test]
    fn matches_brute_force_including_ties() {
        let mut rng = fastrand::Rng::with_seed(3);
        for round in 0..600 {
            let n = rng.usize(1..8);
            let spread = if round % 2 == 0 { 3 } else { 1000 };
            let cost: Vec<i32> = (0..n * n).map(|_| rng.i32(0..spread)).collect();
            let assignment = solve(n, &cost);
            let mut seen = vec![false; n];
            for &j in &assignment {
                assert!(!seen[j], "a column twice");
                seen[j] = true;
            }
            assert_eq!(total(n, &cost, &assignment), brute_force(n, &cost));
            // The same costs in 16 bits: the same assignment.
            let narrow: Vec<i16> = cost.iter().map(|&c| c as i16).collect();
            assert_eq!(solve(n, &narrow), assignment);
        }
    }
}
