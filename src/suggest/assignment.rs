//! Exact assignment with capacities: each row (student) goes to at most one column
//! (ambassador) it is allowed to, columns hold at most their capacity, and the result places
//! as many rows as possible, then maximises the total score — lexicographically, exactly.
//!
//! The method is shortest augmenting paths with column potentials (Kuhn–Munkres; the
//! augmentation is Jonker–Volgenant's lazy Dijkstra), rectangular, on integer costs:
//! - each column is expanded into `capacity` slots;
//! - each row also gets a private "left out" slot whose cost `D` is larger than any total of
//!   score differences (`D > rows × max_score`), so leaving one more row out always costs more
//!   than any loss of quality elsewhere: the minimum-cost assignment is the lexicographic
//!   optimum;
//! - a forbidden pair costs `INF`, above `D`: it is never chosen since the row's own slot is
//!   always cheaper.
//!
//! Rows are processed in order and ties resolved by index, so the same input always gives the
//! same assignment.

/// The costs never exceed this: scores are bounded by [`MAX_SCORE`].
const INF: i64 = 1 << 60;

/// The highest score a pair can have (so that `D` and every sum fit in an `i64`).
pub const MAX_SCORE: u32 = 1_000_000;

/// An assignment problem. `score(row, column)` is `None` when the pair is not allowed.
pub struct Problem<'a> {
    pub rows: usize,
    pub capacities: &'a [u32],
    pub score: &'a dyn Fn(usize, usize) -> Option<u32>,
}

/// For each row, the column it goes to (`None`: left out).
pub fn solve(problem: &Problem) -> Vec<Option<usize>> {
    let n = problem.rows;
    // Slots: column index of each slot.
    let slot_column: Vec<usize> = problem
        .capacities
        .iter()
        .enumerate()
        .flat_map(|(column, &capacity)| std::iter::repeat_n(column, capacity as usize))
        .collect();
    let slots = slot_column.len();
    if n == 0 {
        return Vec::new();
    }
    // Scores of allowed pairs, row-major per column (not per slot): the slots of a column share it.
    let columns = problem.capacities.len();
    let mut max_score: i64 = 0;
    let mut scores: Vec<i64> = vec![-1; n * columns];
    for row in 0..n {
        for column in 0..columns {
            if problem.capacities[column] == 0 {
                continue;
            }
            if let Some(s) = (problem.score)(row, column) {
                let s = i64::from(s.min(MAX_SCORE));
                scores[row * columns + column] = s;
                max_score = max_score.max(s);
            }
        }
    }
    // Cost of a real slot: max_score - score (≥ 0). Cost of the row's own "left out" slot: D.
    let d_left_out = (n as i64 + 1) * (max_score + 1);
    let m = slots + n;
    // Each row's costs over the slots, laid out contiguously for the scans below.
    let slot_costs: Vec<i64> = (0..n)
        .flat_map(|row| {
            let scores = &scores;
            slot_column.iter().map(move |&column| {
                let s = scores[row * columns + column];
                if s < 0 {
                    INF
                } else {
                    max_score - s
                }
            })
        })
        .collect();
    drop(scores);
    let cost = |row: usize, j: usize| -> i64 {
        if j < slots {
            slot_costs[row * slots + j]
        } else if j - slots == row {
            d_left_out
        } else {
            INF
        }
    };

    // Columns are 1-based: the slots, then each row's "left out" column. Row r's left-out
    // column is only reachable from row r itself, so a search holds the real slots plus the
    // left-out columns of the rows it reached, not all n of them.
    let mut v = vec![0i64; m + 1];
    let mut p = vec![0usize; m + 1]; // p[j]: row (1-based) assigned to column j, 0 if free

    // Row reduction: a row whose cheapest slot is still free takes it (its implicit row
    // potential is that cheapest cost). (Not column reduction as in square Jonker–Volgenant: here slots
    // may stay empty, and an empty slot's potential must stay 0.) Potentials stay feasible and
    // these pairs tight, so the searches below only serve the rows left over — on most
    // instances the greater part of the rows is placed here at no search cost.
    let mut waiting = Vec::new();
    for row in 1..=n {
        let mut best = INF;
        let mut best_slot = 0;
        for j in 1..=slots {
            let c = cost(row - 1, j - 1);
            // The first free slot among the cheapest ones.
            if c < best || (c == best && p[j] == 0 && p[best_slot] != 0) {
                best = c;
                best_slot = j;
            }
        }
        if d_left_out < best {
            best_slot = slots + row;
        }
        if p[best_slot] == 0 {
            p[best_slot] = row;
        } else {
            waiting.push(row);
        }
    }

    // Shortest augmenting paths from each row left over (Jonker–Volgenant's augmentation):
    // Dijkstra over the columns on reduced costs `cost - v`, one pass over the unscanned
    // columns per step (relaxing through the row just reached and finding the next minimum
    // together), and the potentials of the scanned columns updated once, at the end.
    // The column each row holds (0: none yet).
    let mut x = vec![0usize; n + 1];
    for j in 1..=m {
        if p[j] != 0 {
            x[p[j]] = j;
        }
    }
    let mut d = vec![INF; m + 1];
    let mut pred = vec![0usize; m + 1];
    let mut todo: Vec<usize> = Vec::with_capacity(m);
    let mut scanned: Vec<usize> = Vec::new();
    // Whether a column is in the current search (todo or scanned): left-out columns join it
    // when their row is reached.
    let mut in_search = vec![false; m + 1];
    for i in waiting {
        for &j in todo.iter().chain(&scanned) {
            in_search[j] = false;
        }
        todo.clear();
        scanned.clear();
        let row_costs = &slot_costs[(i - 1) * slots..i * slots];
        for j in 1..=slots {
            d[j] = row_costs[j - 1].saturating_sub(v[j]);
            pred[j] = i;
            todo.push(j);
            in_search[j] = true;
        }
        let own = slots + i;
        d[own] = d_left_out - v[own];
        pred[own] = i;
        todo.push(own);
        in_search[own] = true;
        // The first minimum, preferring a free column among equals (fewer steps on ties).
        let pick = |todo: &[usize], d: &[i64], p: &[usize]| -> usize {
            let mut best = 0;
            for (k, &j) in todo.iter().enumerate() {
                let (bj, dj) = (todo[best], d[j]);
                if dj < d[bj] || (dj == d[bj] && p[j] == 0 && p[bj] != 0) {
                    best = k;
                }
            }
            best
        };
        let mut at = pick(&todo, &d, &p);
        let end = loop {
            let j = todo[at];
            if p[j] == 0 {
                break j;
            }
            let mu = d[j];
            todo.swap_remove(at);
            scanned.push(j);
            // Through the row holding `j`: its assigned column is tight, so a column k is
            // reached at mu + (reduced cost of k) - (reduced cost of j) for that row.
            let i2 = p[j];
            let base = cost(i2 - 1, j - 1) - v[j];
            let own2 = slots + i2;
            if !in_search[own2] {
                d[own2] = INF;
                todo.push(own2);
                in_search[own2] = true;
            }
            let costs2 = &slot_costs[(i2 - 1) * slots..i2 * slots];
            let mut best = usize::MAX;
            for (k, &col) in todo.iter().enumerate() {
                let c = if col <= slots {
                    costs2[col - 1]
                } else if col == own2 {
                    d_left_out
                } else {
                    INF
                };
                if c < INF {
                    let reached = mu + (c - v[col]) - base;
                    if reached < d[col] {
                        d[col] = reached;
                        pred[col] = i2;
                    }
                }
                if best == usize::MAX {
                    best = k;
                } else {
                    let (bj, dj) = (todo[best], d[col]);
                    if dj < d[bj] || (dj == d[bj] && p[col] == 0 && p[bj] != 0) {
                        best = k;
                    }
                }
            }
            at = best;
        };
        let mu = d[end];
        for &k in &scanned {
            v[k] += d[k] - mu;
        }
        // Augment: each row on the path takes the column it was reached through.
        let mut j = end;
        loop {
            let row = pred[j];
            p[j] = row;
            let previous = x[row];
            x[row] = j;
            if row == i {
                break;
            }
            j = previous;
        }
    }
    let mut assignment = vec![None; n];
    for j in 1..=slots {
        if p[j] != 0 {
            assignment[p[j] - 1] = Some(slot_column[j - 1]);
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way of placing rows (or not), by brute force: (placed, total score) at best.
    fn brute_force(
        rows: usize,
        capacities: &[u32],
        score: &dyn Fn(usize, usize) -> Option<u32>,
    ) -> (usize, u64) {
        fn go(
            row: usize,
            rows: usize,
            left: &mut Vec<u32>,
            score: &dyn Fn(usize, usize) -> Option<u32>,
            placed: usize,
            total: u64,
            best: &mut (usize, u64),
        ) {
            if row == rows {
                *best = (*best).max((placed, total));
                return;
            }
            go(row + 1, rows, left, score, placed, total, best);
            for column in 0..left.len() {
                if left[column] > 0 {
                    if let Some(s) = score(row, column) {
                        left[column] -= 1;
                        go(
                            row + 1,
                            rows,
                            left,
                            score,
                            placed + 1,
                            total + u64::from(s),
                            best,
                        );
                        left[column] += 1;
                    }
                }
            }
        }
        let mut best = (0, 0);
        go(0, rows, &mut capacities.to_vec(), score, 0, 0, &mut best);
        best
    }

    fn evaluate(
        assignment: &[Option<usize>],
        score: &dyn Fn(usize, usize) -> Option<u32>,
    ) -> (usize, u64) {
        let placed = assignment.iter().filter(|a| a.is_some()).count();
        let total = assignment
            .iter()
            .enumerate()
            .filter_map(|(row, column)| {
                column.map(|c| u64::from(score(row, c).expect("only allowed pairs")))
            })
            .sum();
        (placed, total)
    }

    #[test]
    fn matches_brute_force_on_random_small_instances() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..400 {
            let rows = rng.usize(0..7);
            let columns = rng.usize(1..5);
            let capacities: Vec<u32> = (0..columns).map(|_| rng.u32(0..3)).collect();
            let table: Vec<Option<u32>> = (0..rows * columns)
                .map(|_| {
                    if rng.u32(0..100) < 30 {
                        None
                    } else {
                        Some(rng.u32(0..6) * 10)
                    }
                })
                .collect();
            let score = |r: usize, c: usize| table[r * columns + c];
            let assignment = solve(&Problem {
                rows,
                capacities: &capacities,
                score: &score,
            });
            // Feasible: allowed pairs only, capacities respected.
            let mut used = vec![0u32; columns];
            for (row, column) in assignment.iter().enumerate() {
                if let Some(c) = column {
                    assert!(score(row, *c).is_some(), "forbidden pair made");
                    used[*c] += 1;
                }
            }
            assert!(
                used.iter().zip(&capacities).all(|(u, c)| u <= c),
                "capacity exceeded"
            );
            assert_eq!(
                evaluate(&assignment, &score),
                brute_force(rows, &capacities, &score)
            );
        }
    }

    #[test]
    fn places_more_students_before_better_pairs() {
        // Row 0 would score 100 with column 0, but then row 1 (who can only go there) is left out.
        let table = [[Some(100), Some(1)], [Some(5), None]];
        let score = |r: usize, c: usize| table[r][c];
        let assignment = solve(&Problem {
            rows: 2,
            capacities: &[1, 1],
            score: &score,
        });
        assert_eq!(assignment, [Some(1), Some(0)]);
    }

    #[test]
    fn same_input_same_result() {
        let score = |_: usize, _: usize| Some(10);
        let a = solve(&Problem {
            rows: 5,
            capacities: &[2, 1],
            score: &score,
        });
        let b = solve(&Problem {
            rows: 5,
            capacities: &[2, 1],
            score: &score,
        });
        assert_eq!(a, b);
        assert_eq!(a.iter().filter(|x| x.is_some()).count(), 3);
    }
}
