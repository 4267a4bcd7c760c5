//! Exact assignment with capacities: each row (student) goes to at most one column
//! (ambassador) it is allowed to, columns hold at most their capacity, and the result places
//! as many rows as possible, then maximises the total score — lexicographically, exactly.
//!
//! The model is a rectangular assignment on integer costs:
//! - each column is expanded into `capacity` slots, consecutive; a row has one edge per column
//!   it may take, which reaches every slot of that column (pairs are not copied once per
//!   place). Edges hold scores; a pair's cost, `max_score - score` (≥ 0), is worked out where
//!   it is read — most edges never are;
//! - each row also has a private "left out" slot whose cost `D` is larger than any total of
//!   score differences (`D > rows × max_score`), so leaving one more row out always costs more
//!   than any loss of quality elsewhere: the minimum-cost assignment is the lexicographic
//!   optimum;
//! - a pair that is not allowed is simply not an edge (the graph is sparse).
//!
//! Rows are scored in blocks that the threads (as many as the machine has, up to eight, beyond
//! 200,000 pairs) take in turn as they finish the last one, so a thread slowed by other work on
//! the machine takes fewer; each block is written into a buffer of its own, which the pair
//! lists then keep as it is. Each row is sorted best first on the way, while it is in cache:
//! scores span a few hundred values on real editions, so a counting sort, the row counted in
//! four parts side by side so that equal scores do not wait on one counter (a wider spread is
//! sorted by comparisons).
//!
//! The method is Jonker–Volgenant's: slot potentials `v` (always ≤ 0, and 0 on free slots, as
//! a rectangular problem needs), an *augmenting row reduction* that settles most rows at the
//! cost of a scan of their edges (an auction without ε: a row takes its cheapest slot and makes
//! it as dear as its second cheapest, evicting the previous holder; on a tie it takes a free
//! slot when there is one, and it stops reading its edges at the first that cannot beat its two
//! best), then shortest augmenting paths for the rows left over: Dijkstra on reduced costs over
//! the slots held, with a radix heap (`radix_heap.rs`) since rows may have few edges, the
//! nearest free slot kept aside rather than queued, and each row's edges relaxed cheapest first
//! only until they cannot beat it; when every row reaches every slot, one pass over the slots
//! per step instead of the heap. Both keep the invariant that every placed row holds a slot of
//! least reduced cost, which is the optimality certificate at the end.
//!
//! Which path a problem takes ([`solve_with_report`]):
//! - complete (every row may take every column with places), with no more places than rows and
//!   rows² up to 24 M: [`super::square`], each row's "left out" option a column of its own, the
//!   costs written straight into the square matrix by the scoring threads (tried first; it gives
//!   up at the first pair not allowed);
//! - with fewer places than rows (up to 24 M pairs), solved turned around: each place a row
//!   looking for a student, the students its slots. A search then ends at the first student
//!   still free, where a search from a student who will be left out would visit every place
//!   first;
//! - up to a million pairs: every pair kept;
//! - beyond: each row keeps its best columns only (a twelfth of them, 64 to 512, picked by
//!   counting), and the result is then *proved* optimal over all pairs: a pair left out of the
//!   candidates costs at least the row's worst candidate, so only rows whose dual value exceeds
//!   that bound need their other pairs checked; a row with a violation gets all its pairs, and
//!   the problem is solved again from the previous solution (only the rows that got new pairs,
//!   and those their leaving disturbs, are placed again).
//!
//! A row's edges are visited cheapest first, ties in column order (in column order when every
//! row reaches every place), and ties between slots are broken by index, so the same input
//! always gives the same assignment.

use std::cmp::Reverse;

use super::radix_heap::RadixHeap;

/// The highest score a pair can have (so that `D` and every sum fit in an `i64`).
pub const MAX_SCORE: u32 = 1_000_000;

/// Up to this many pairs the solver keeps them all; beyond it, each row keeps its best
/// columns ([`candidates_per_row`]) and the result is proved optimal over all pairs.
const ALL_PAIRS_LIMIT: usize = 1_000_000;
/// Up to this many pairs a complete problem is solved as a square matrix, and one with fewer
/// places than rows is turned around ([`solve_turned`]), every pair kept.
const SQUARE_LIMIT: usize = 24_000_000;

/// How many of its best columns each row keeps on large problems. Rows seldom go far down
/// their list, but the more columns compete, the further: on the benchmark's editions, a
/// twelfth of the columns was best (64 at least, 512 at most: beyond, the few rows that need
/// more are cheaper to correct than every row's longer list).
fn candidates_per_row(open_columns: usize) -> usize {
    (open_columns / 12).clamp(64, 512)
}

const NONE: u32 = u32::MAX;
const INF: i64 = i64::MAX / 4;

/// An assignment problem. `score(row, column)` is `None` when the pair is not allowed.
pub struct Problem<'a> {
    pub rows: usize,
    pub capacities: &'a [u32],
    pub score: &'a (dyn Fn(usize, usize) -> Option<u32> + Sync),
    /// Optionally, every allowed pair of a row at once, as (column, score) in column order —
    /// exactly the pairs `score` allows among the columns with places. Lets the caller skip the
    /// columns a row cannot reach (a student who stays in their département) instead of asking
    /// for each.
    pub rows_scores: Option<&'a RowScores<'a>>,
}

/// See [`Problem::rows_scores`].
pub type RowScores<'a> = dyn Fn(usize, &mut Vec<(u32, u32)>) + Sync + 'a;

impl Problem<'_> {
    /// Row `row`'s allowed pairs with columns that have places, (column, score) in column
    /// order, into `out` (emptied first).
    fn row_into(&self, row: usize, out: &mut Vec<(u32, u32)>) {
        out.clear();
        match self.rows_scores {
            Some(rows_scores) => {
                rows_scores(row, out);
                debug_assert!(out.iter().all(|&(c, _)| self.capacities[c as usize] > 0));
            }
            None => {
                for (column, &capacity) in self.capacities.iter().enumerate() {
                    if capacity == 0 {
                        continue;
                    }
                    if let Some(s) = (self.score)(row, column) {
                        out.push((column as u32, s));
                    }
                }
            }
        }
        // The highest score, then a comparison: unlike `any`, which stops early, this pass
        // is vectorised.
        if out.iter().fold(0, |high, &(_, s)| high.max(s)) > MAX_SCORE {
            for pair in out.iter_mut() {
                pair.1 = pair.1.min(MAX_SCORE);
            }
        }
    }
}

/// What the solver did, for benchmarks and the curious.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Pairs scored (all allowed and disallowed pairs are looked at once to pick candidates).
    pub pairs_scored: u64,
    /// Edges the final solve worked on.
    pub edges: usize,
    /// Rows whose pairs outside the candidates had to be checked for the optimality proof.
    pub rows_checked: usize,
    /// Solves: 1 when the candidates were enough.
    pub rounds: u32,
}

/// For each row, the column it goes to (`None`: left out).
pub fn solve(problem: &Problem) -> Vec<Option<usize>> {
    solve_with_report(problem).0
}

/// [`solve`], with what it took.
pub fn solve_with_report(problem: &Problem) -> (Vec<Option<usize>>, Report) {
    let open = problem.capacities.iter().filter(|&&c| c > 0).count();
    let pairs = problem.rows.saturating_mul(open);
    let keep = if pairs <= ALL_PAIRS_LIMIT || (fewer_places(problem) && pairs <= SQUARE_LIMIT) {
        usize::MAX
    } else {
        candidates_per_row(open)
    };
    solve_keeping(problem, keep)
}

/// [`solve`] on each row's `keep` best columns, then proved (and if need be corrected) over
/// all pairs. `usize::MAX` keeps every pair.
pub fn solve_keeping(problem: &Problem, keep: usize) -> (Vec<Option<usize>>, Report) {
    let n = problem.rows;
    let columns = problem.capacities.len();
    let mut report = Report::default();
    if n == 0 {
        return (Vec::new(), report);
    }
    report.pairs_scored = (n * columns) as u64;
    // Tried first: it gives up at the first pair not allowed.
    if n.saturating_mul(n) <= SQUARE_LIMIT {
        if let Some(assignment) = solve_complete(problem) {
            report.rounds = 1;
            report.edges = n * n;
            return (assignment, report);
        }
    }
    if keep == usize::MAX && fewer_places(problem) {
        let (assignment, edges) = solve_turned(problem);
        report.rounds = 1;
        report.edges = edges;
        return (assignment, report);
    }
    let mut candidates = Candidates::collect(problem, keep);
    let rows = std::mem::take(&mut candidates.rows);
    let mut graph = Graph::new(problem.capacities, rows, candidates.max_score);
    let mut solver = Solver::new(&graph);
    loop {
        report.rounds += 1;
        solver.run(&graph);
        report.edges = graph.edge_count;
        if keep == usize::MAX {
            return (solver.assignment(&graph), report);
        }
        // The proof: every pair outside the candidates must have a non-negative reduced cost.
        let (violations, checked) = solver.violations(&graph, problem, &candidates);
        report.rows_checked += checked;
        if violations.is_empty() {
            return (solver.assignment(&graph), report);
        }
        let mut reopened: Vec<usize> = violations.iter().map(|&(row, _, _)| row).collect();
        reopened.dedup();
        for &row in &reopened {
            candidates.floor[row] = None;
        }
        let rows = graph.into_pairs().with(&violations);
        graph = Graph::new(problem.capacities, rows, candidates.max_score);
        // The next solve starts from this one: only the rows that got new pairs, and those
        // their leaving disturbs, are placed again.
        solver.reopen(&graph, &reopened);
    }
}

/// Whether there are fewer places than rows: some rows will be left out.
fn fewer_places(problem: &Problem) -> bool {
    let places: u64 = problem.capacities.iter().map(|&c| u64::from(c)).sum();
    places < problem.rows as u64
}

/// With fewer places than rows, most of the rows left out are only found so by a search that
/// looks at every place held (leaving a row out costs more than anything else, so every
/// cheaper path is tried first): on 6,000 rows for 3,000 places, seconds. The same problem
/// turned around — each place a row looking for one, the rows its columns of one place each —
/// needs one search per place, and each ends at the first row still free. Every pair is kept.
/// Returns the assignment and the number of edges.
fn solve_turned(problem: &Problem) -> (Vec<Option<usize>>, usize) {
    let n = problem.rows;
    let capacities = problem.capacities;
    let columns = capacities.len();
    let all = Candidates::collect(problem, usize::MAX);
    // The pairs by column, rows in order: counted, then placed.
    let mut start = vec![0usize; columns + 1];
    for row in 0..n {
        for &(column, _) in all.rows.row(row) {
            start[column as usize + 1] += 1;
        }
    }
    for k in 0..columns {
        start[k + 1] += start[k];
    }
    let mut next = start.clone();
    let mut by_column = vec![(0u32, 0u32); start[columns]];
    let max_score = all.max_score;
    let mut rows = all.rows;
    for row in 0..n {
        for &(column, score) in rows.row(row) {
            by_column[next[column as usize]] = (row as u32, score);
            next[column as usize] += 1;
        }
        // Each block of rows is dropped once placed: the pairs are never held twice in full.
        let part = rows.part[row];
        if rows.part.get(row + 1) != Some(&part) {
            rows.parts[part as usize] = Vec::new();
        }
    }
    drop(rows);
    // Each column's rows best first (ties in row order), as the solver reads them.
    let (mut scratch, mut counts) = (Vec::new(), Vec::new());
    for column in 0..columns {
        let list = &mut by_column[start[column]..start[column + 1]];
        scratch.clear();
        scratch.extend_from_slice(list);
        best_first_into(&mut scratch, usize::MAX, list, &mut counts);
    }
    // Each place of a column is a row of the turned problem, all reading the column's list.
    let places: usize = capacities.iter().map(|&c| c as usize).sum();
    let mut turned = PairLists {
        part: vec![0; places],
        starts: Vec::with_capacity(places),
        ends: Vec::with_capacity(places),
        parts: vec![by_column],
    };
    let mut place_column = Vec::with_capacity(places);
    for (column, &capacity) in capacities.iter().enumerate() {
        for _ in 0..capacity {
            turned.starts.push(start[column]);
            turned.ends.push(start[column + 1]);
            place_column.push(column);
        }
    }
    let graph = Graph::new(&vec![1; n], turned, max_score);
    let mut solver = Solver::new(&graph);
    solver.run(&graph);
    let mut assignment = vec![None; n];
    for (place, row) in solver.assignment(&graph).into_iter().enumerate() {
        if let Some(row) = row {
            assignment[row] = Some(place_column[place]);
        }
    }
    (assignment, graph.edge_count)
}

/// When every row may go to every available column and there are no more places than rows
/// (every place will be taken), the problem is a square, complete one once each row's "left
/// out" option is added as a column of its own, and [`super::square`] solves it faster. The
/// costs are written straight into the square matrix; the first pair not allowed gives up
/// (at once on most real editions, where rules and forbidden pairs rule some pairs out).
fn solve_complete(problem: &Problem) -> Option<Vec<Option<usize>>> {
    let n = problem.rows;
    let capacities = problem.capacities;
    let slots: usize = capacities.iter().map(|&c| c as usize).sum();
    if slots == 0 || slots > n || n * n > SQUARE_LIMIT {
        return None;
    }
    // 16-bit costs when they fit: half the memory to write, then to read. Rows left out cost
    // about `n` times the best score, which seldom fits: 32 bits then.
    let columns = match square_costs::<i16>(problem, slots) {
        Ok(square) => square.solve(n),
        Err(Unfit::TooWide) => square_costs::<i32>(problem, slots).ok()?.solve(n),
        Err(Unfit::NotComplete) => return None,
    };
    let slot_column: Vec<usize> = capacities
        .iter()
        .enumerate()
        .flat_map(|(column, &capacity)| std::iter::repeat_n(column, capacity as usize))
        .collect();
    Some(
        columns
            .into_iter()
            .map(|j| (j < slots).then(|| slot_column[j]))
            .collect(),
    )
}

/// Why the costs could not be written as a square matrix.
enum Unfit {
    /// A pair is not allowed.
    NotComplete,
    /// A cost does not fit the matrix's numbers.
    TooWide,
}

/// The square matrix of a complete problem, with its column reduction.
struct SquareCosts<T> {
    cost: Vec<T>,
    column_min: Vec<i64>,
    best_row: Vec<u32>,
}

impl<T: super::square::Cost> SquareCosts<T> {
    fn solve(self, n: usize) -> Vec<usize> {
        super::square::solve_reduced(n, &self.cost, self.column_min, self.best_row)
    }
}

/// Writes a complete problem's costs as a square matrix: `slots` columns for the places, then
/// each row's own "left out" column. A pair costs minus its score: the square solver needs no
/// particular origin, and a constant per row changes no assignment's ranking. Each thread
/// writes its rows and finds, among them, the cheapest row of each slot (the solver's column
/// reduction, done here while the costs are at hand).
fn square_costs<T: super::square::Cost>(
    problem: &Problem,
    slots: usize,
) -> Result<SquareCosts<T>, Unfit> {
    let n = problem.rows;
    let capacities = problem.capacities;
    let open = capacities.iter().filter(|&&c| c > 0).count();
    let mut cost = vec![T::from_i64(0); n * n];
    let fill = |first_row: usize, block: &mut [T]| -> Result<(u32, Vec<i32>, Vec<u32>), Unfit> {
        let mut max_score = 0;
        let mut pairs = Vec::with_capacity(open);
        let mut min = vec![i32::MAX; slots];
        let mut best = vec![0u32; slots];
        for (k, row_costs) in block.chunks_mut(n).enumerate() {
            let row = first_row + k;
            problem.row_into(row, &mut pairs);
            if pairs.len() < open {
                return Err(Unfit::NotComplete);
            }
            let row_max = pairs.iter().fold(0, |m, &(_, s)| m.max(s));
            if -i64::from(row_max) < T::LOWEST {
                return Err(Unfit::TooWide);
            }
            max_score = max_score.max(row_max);
            let cost_of = |score: u32| T::from_i64(-i64::from(score));
            if slots == open {
                // One place per column, the usual case: a straight copy.
                for (c, &(_, score)) in row_costs.iter_mut().zip(&pairs) {
                    *c = cost_of(score);
                }
            } else {
                let mut at = 0;
                for &(column, score) in &pairs {
                    let capacity = capacities[column as usize] as usize;
                    row_costs[at..at + capacity].fill(cost_of(score));
                    at += capacity;
                }
            }
            let row = row as u32;
            // Without branches, in 32 bits: vectorised.
            for ((m, b), &c) in min.iter_mut().zip(&mut best).zip(&row_costs[..slots]) {
                let c = c.to_i32();
                let cheaper = c < *m;
                *m = if cheaper { c } else { *m };
                *b = if cheaper { row } else { *b };
            }
        }
        Ok((max_score, min, best))
    };
    let threads = parallelism(n * n);
    let rows_per_thread = n.div_ceil(threads);
    let parts = std::thread::scope(|scope| {
        let handles: Vec<_> = cost
            .chunks_mut(rows_per_thread * n)
            .enumerate()
            .map(|(t, block)| scope.spawn(move || fill(t * rows_per_thread, block)))
            .collect();
        handles
            .into_iter()
            // A panic in a scoring closure is a bug: pass it on as it is.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect::<Result<Vec<_>, Unfit>>()
    })?;
    let mut max_score = 0u32;
    let mut column_min = vec![i64::MAX; n];
    let mut best_row = vec![0u32; n];
    // Blocks in row order, and only a strictly cheaper row replaces one: ties go to the first.
    for (part_max, min, best) in parts {
        max_score = max_score.max(part_max);
        for s in 0..slots {
            if i64::from(min[s]) < column_min[s] {
                column_min[s] = i64::from(min[s]);
                best_row[s] = best[s];
            }
        }
    }
    if slots < n {
        // Each row's own "left out" column costs more than any loss of quality: `D` of the
        // rectangular model, less the `max_score` the costs are shifted by.
        let max_score = i64::from(max_score);
        let left_out = (n as i64 + 1) * (max_score + 1) - max_score;
        if left_out > T::HIGHEST {
            return Err(Unfit::TooWide);
        }
        for row_costs in cost.chunks_mut(n) {
            row_costs[slots..].fill(T::from_i64(left_out));
        }
        column_min[slots..].fill(left_out);
    }
    Ok(SquareCosts {
        cost,
        column_min,
        best_row,
    })
}

/// How many threads to score `pairs` pairs with.
fn parallelism(pairs: usize) -> usize {
    if pairs > 200_000 {
        std::thread::available_parallelism().map_or(1, |t| t.get().min(8))
    } else {
        1
    }
}

/// Each row's allowed columns with their scores (all of them, or the best `keep`).
struct Candidates {
    rows: PairLists,
    /// For each row whose candidates are not all its pairs: the lowest candidate score (every
    /// other pair scores at most this).
    floor: Vec<Option<u32>>,
    max_score: i64,
}

impl Candidates {
    fn collect(problem: &Problem, keep: usize) -> Candidates {
        let n = problem.rows;
        let open = problem.capacities.iter().filter(|&&c| c > 0).count();
        let per_row = open.min(keep);
        let threads = parallelism(n * problem.capacities.len());
        // Rows are scored in blocks that threads take in turn as they finish the last one: a
        // thread slowed down (by other work on the machine) takes fewer, and both end together.
        let block_rows = n.div_ceil(threads * 16).max(8);
        let blocks = n.div_ceil(block_rows);
        let block = |b: usize| {
            let rows = b * block_rows..((b + 1) * block_rows).min(n);
            Candidates::collect_rows(problem, rows, keep, per_row)
        };
        let mut written: Vec<RowsWritten> = if threads == 1 {
            (0..blocks).map(block).collect()
        } else {
            let next = std::sync::atomic::AtomicUsize::new(0);
            let work = || {
                let mut done = Vec::new();
                loop {
                    let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if b >= blocks {
                        return done;
                    }
                    done.push((b, block(b)));
                }
            };
            let mut done: Vec<(usize, RowsWritten)> = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
                handles
                    .into_iter()
                    // A panic in a scoring closure is a bug: pass it on as it is.
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            done.sort_unstable_by_key(|&(b, _)| b);
            done.into_iter().map(|(_, w)| w).collect()
        };
        // The blocks' buffers become the lists' parts as they are: nothing is copied.
        let mut rows = PairLists {
            part: Vec::with_capacity(n),
            starts: Vec::with_capacity(n),
            ends: Vec::with_capacity(n),
            parts: Vec::with_capacity(blocks),
        };
        let mut candidates = Candidates {
            rows: PairLists::default(),
            floor: Vec::with_capacity(n),
            max_score: 0,
        };
        for (b, w) in written.iter_mut().enumerate() {
            rows.part
                .extend(std::iter::repeat_n(b as u32, w.starts.len()));
            rows.starts.append(&mut w.starts);
            rows.ends.append(&mut w.ends);
            rows.parts.push(std::mem::take(&mut w.pairs));
            candidates.floor.append(&mut w.floors);
            candidates.max_score = candidates.max_score.max(w.max_score);
        }
        candidates.rows = rows;
        candidates
    }

    /// Rows `range`, each sorted best first and cut to its `keep` best, in a buffer of their own
    /// (`per_row`: the most pairs a row can have).
    fn collect_rows(
        problem: &Problem,
        range: std::ops::Range<usize>,
        keep: usize,
        per_row: usize,
    ) -> RowsWritten {
        // Reserved, not written: only what the rows use is ever touched.
        let mut pairs = Vec::with_capacity(range.len() * per_row);
        let mut starts = Vec::with_capacity(range.len());
        let mut ends = Vec::with_capacity(range.len());
        let mut floors = Vec::with_capacity(range.len());
        let mut max_score = 0i64;
        let mut all = Vec::new();
        let mut counts = Vec::new();
        for row in range {
            problem.row_into(row, &mut all);
            // Sorted here, on the scoring threads, while the row is in cache, and written
            // where it stays.
            let at = pairs.len();
            pairs.resize(at + all.len().min(keep), (0, 0));
            let written = best_first_into(&mut all, keep, &mut pairs[at..], &mut counts);
            let kept = &pairs[at..at + written];
            if let Some(&(_, best)) = kept.first() {
                max_score = max_score.max(i64::from(best));
            }
            // The lowest score kept, when some pairs were left out.
            floors.push(kept.last().filter(|_| all.len() > keep).map(|&(_, s)| s));
            starts.push(at);
            ends.push(at + written);
        }
        RowsWritten {
            pairs,
            starts,
            ends,
            floors,
            max_score,
        }
    }
}

/// What [`Candidates::collect_rows`] wrote: its rows' pairs, where each row starts and ends in
/// them, each row's floor, and the highest score.
struct RowsWritten {
    pairs: Vec<(u32, u32)>,
    starts: Vec<usize>,
    ends: Vec<usize>,
    floors: Vec<Option<u32>>,
    max_score: i64,
}

/// Sorts a row's pairs (given in column order) best score first, ties staying in column order,
/// and keeps the first `keep`.
fn best_first(
    row: &mut Vec<(u32, u32)>,
    keep: usize,
    scratch: &mut Vec<(u32, u32)>,
    counts: &mut Vec<u32>,
) {
    scratch.clear();
    scratch.resize(row.len().min(keep), (0, 0));
    let written = best_first_into(row, keep, scratch, counts);
    row.clear();
    row.extend_from_slice(&scratch[..written]);
}

/// [`best_first`], written into `out` (at least `min(row.len(), keep)` long): returns how many
/// pairs it wrote. Scores span a few hundred values on real editions, so a counting sort does
/// it in three passes over the row, writing only the pairs kept, straight to where they go; a
/// wider spread is sorted by comparisons (which reorders `row`).
fn best_first_into(
    row: &mut [(u32, u32)],
    keep: usize,
    out: &mut [(u32, u32)],
    counts: &mut Vec<u32>,
) -> usize {
    let Some(&(_, first)) = row.first() else {
        return 0;
    };
    let (low, high) = row.iter().fold((first, first), |(low, high), &(_, s)| {
        (low.min(s), high.max(s))
    });
    let written = row.len().min(keep);
    let out = &mut out[..written];
    let span = (high - low) as usize + 1;
    if span > 4 * row.len() + 1024 {
        let key = |&(column, s): &(u32, u32)| (Reverse(s), column);
        if row.len() > keep {
            row.select_nth_unstable_by_key(keep - 1, key);
        }
        let kept = &mut row[..written];
        kept.sort_unstable_by_key(key);
        out.copy_from_slice(kept);
        return written;
    }
    // Bucket 0 is the best score. Most pairs share a few scores, so counting them one after
    // the other would wait on the same counter again and again: the row is cut in `LANES`
    // consecutive parts counted side by side, each with its own counters. Bucket by bucket,
    // the parts' pairs go in row order, so ties stay in column order.
    const LANES: usize = 4;
    let part = row.len() / LANES;
    let buckets = span + 1;
    counts.clear();
    counts.resize(LANES * buckets, 0);
    let bucket = |s: u32| (high - s) as usize;
    for k in 0..part {
        for lane in 0..LANES {
            counts[lane * buckets + bucket(row[lane * part + k].1)] += 1;
        }
    }
    for &(_, s) in &row[LANES * part..] {
        counts[(LANES - 1) * buckets + bucket(s)] += 1;
    }
    // `counts` becomes where each part's pairs of each bucket start.
    let mut at = 0;
    for b in 0..span {
        for lane in 0..LANES {
            let count = counts[lane * buckets + b];
            counts[lane * buckets + b] = at;
            at += count;
        }
    }
    let mut place = |lane: usize, pair: (u32, u32)| {
        let at = &mut counts[lane * buckets + bucket(pair.1)];
        if let Some(slot) = out.get_mut(*at as usize) {
            *slot = pair;
        }
        *at += 1;
    };
    for k in 0..part {
        for lane in 0..LANES {
            place(lane, row[lane * part + k]);
        }
    }
    for &pair in &row[LANES * part..] {
        place(LANES - 1, pair);
    }
    written
}

/// For each row, a list of (column, score), best first (ties by column), kept in parts (the
/// buffers rows were scored into, block by block).
#[derive(Default)]
struct PairLists {
    /// Each row's part, and where its list starts and ends in it.
    part: Vec<u32>,
    starts: Vec<usize>,
    ends: Vec<usize>,
    parts: Vec<Vec<(u32, u32)>>,
}

impl PairLists {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn row(&self, row: usize) -> &[(u32, u32)] {
        &self.parts[self.part[row] as usize][self.starts[row]..self.ends[row]]
    }

    fn row_mut(&mut self, row: usize) -> &mut [(u32, u32)] {
        &mut self.parts[self.part[row] as usize][self.starts[row]..self.ends[row]]
    }

    /// How many pairs there are in all.
    fn pair_count(&self) -> usize {
        self.starts.iter().zip(&self.ends).map(|(s, e)| e - s).sum()
    }

    fn push(&mut self, list: &[(u32, u32)]) {
        if self.parts.is_empty() {
            self.parts.push(Vec::new());
        }
        let last = self.parts.len() - 1;
        let part = &mut self.parts[last];
        self.part.push(last as u32);
        self.starts.push(part.len());
        part.extend_from_slice(list);
        self.ends.push(part.len());
    }

    /// The same lists with these (row, column, score) added (a pair already there once).
    fn with(&self, added: &[(usize, usize, u32)]) -> PairLists {
        let mut extra: Vec<Vec<(u32, u32)>> = vec![Vec::new(); self.len()];
        for &(row, column, score) in added {
            extra[row].push((column as u32, score));
        }
        let mut result = PairLists::default();
        let mut list = Vec::new();
        let (mut scratch, mut counts) = (Vec::new(), Vec::new());
        for (row, more) in extra.into_iter().enumerate() {
            list.clear();
            list.extend_from_slice(self.row(row));
            list.extend(more);
            list.sort_unstable_by_key(|&(c, _)| c);
            list.dedup_by_key(|&mut (c, _)| c);
            best_first(&mut list, usize::MAX, &mut scratch, &mut counts);
            result.push(&list);
        }
        result
    }
}

/// The problem as the solver sees it: slots (a column's places, consecutive), and each row's
/// edges, one per column it may take, with its cost (CSR). An edge reaches every slot of its
/// column: the pairs are not copied once per place, which halves the memory on editions where
/// ambassadors take two or three students.
struct Graph {
    rows: usize,
    slots: usize,
    slot_column: Vec<u32>,
    /// The first slot of each column (and, last, the number of slots).
    first_slot: Vec<u32>,
    /// Each row's pairs, (column, score): an edge costs `max_score - score` (never negative),
    /// worked out where it is read — most are never read.
    pairs: PairLists,
    /// How many edges there are.
    edge_count: usize,
    /// When `full`: for each slot, the position of its column in every row's edges.
    slot_edge: Vec<u32>,
    max_score: i64,
    /// The cost of leaving a row out.
    left_out: i64,
    /// Every row has an edge to every column with places. Rows then keep column order; otherwise
    /// their edges go cheapest first (ties by column), which lets the searches stop early.
    full: bool,
}

impl Graph {
    /// `rows`' lists hold only columns with places, each once (as [`Problem::row_into`] gives
    /// them).
    fn new(capacities: &[u32], rows: PairLists, max_score: i64) -> Graph {
        let mut slot_column = Vec::new();
        let mut first_slot = Vec::with_capacity(capacities.len() + 1);
        for (column, &capacity) in capacities.iter().enumerate() {
            first_slot.push(slot_column.len() as u32);
            slot_column.extend(std::iter::repeat_n(column as u32, capacity as usize));
        }
        first_slot.push(slot_column.len() as u32);
        let slots = slot_column.len();
        let n = rows.len();
        let edge_count = rows.pair_count();
        let mut pairs = rows;
        let open = capacities.iter().filter(|&&c| c > 0).count();
        let full = slots > 0 && edge_count == open * n;
        if full {
            for row in 0..n {
                pairs
                    .row_mut(row)
                    .sort_unstable_by_key(|&(column, _)| column);
            }
        }
        let slot_edge = if full {
            let mut rank = vec![0u32; capacities.len()];
            let mut next = 0;
            for (column, &capacity) in capacities.iter().enumerate() {
                if capacity > 0 {
                    rank[column] = next;
                    next += 1;
                }
            }
            slot_column.iter().map(|&c| rank[c as usize]).collect()
        } else {
            Vec::new()
        };
        Graph {
            rows: n,
            slots,
            slot_column,
            first_slot,
            pairs,
            edge_count,
            slot_edge,
            max_score,
            left_out: (n as i64 + 1) * (max_score + 1),
            full,
        }
    }

    /// Back to (column, score) lists, for [`PairLists::with`].
    fn into_pairs(self) -> PairLists {
        self.pairs
    }

    /// Row `row`'s edges, (column, cost): best first is cheapest first.
    fn edges(&self, row: usize) -> impl ExactSizeIterator<Item = (u32, u32)> + '_ {
        let top = self.max_score as u32;
        self.pairs
            .row(row)
            .iter()
            .map(move |&(column, s)| (column, top - s))
    }

    /// The slots of `column`.
    fn slots_of(&self, column: u32) -> std::ops::Range<usize> {
        self.first_slot[column as usize] as usize..self.first_slot[column as usize + 1] as usize
    }

    /// In a full graph, what `row` pays for `slot`.
    fn full_cost(&self, row: usize, slot: usize) -> u32 {
        self.max_score as u32 - self.pairs.row(row)[self.slot_edge[slot] as usize].1
    }

    /// Row `row`'s own "left out" slot.
    fn own(&self, row: usize) -> usize {
        self.slots + row
    }
}

struct Solver {
    /// Potentials of the slots, then of the rows' own slots.
    v: Vec<i64>,
    /// The row holding each slot (NONE: free).
    holder: Vec<u32>,
    /// The slot each row holds (NONE: none yet), and what it costs.
    held: Vec<u32>,
    held_cost: Vec<i64>,
    free: Vec<u32>,
}

impl Solver {
    fn new(graph: &Graph) -> Solver {
        let m = graph.slots + graph.rows;
        Solver {
            v: vec![0; m],
            holder: vec![NONE; m],
            held: vec![NONE; graph.rows],
            held_cost: vec![0; graph.rows],
            free: (0..graph.rows as u32).collect(),
        }
    }

    fn run(&mut self, graph: &Graph) {
        // Two passes of augmenting row reduction, as Jonker and Volgenant do: most rows settle
        // there; the rest go through shortest augmenting paths.
        for _ in 0..2 {
            if self.free.is_empty() {
                break;
            }
            self.augmenting_row_reduction(graph);
        }
        let free = std::mem::take(&mut self.free);
        let mut search = Search::new(graph.slots + graph.rows);
        for row in free {
            if graph.full {
                self.augment_full(graph, row as usize, &mut search);
            } else {
                self.augment(graph, row as usize, &mut search);
            }
        }
    }

    /// After `rows` got new edges (the graph rebuilt, same slots): frees them, so that the next
    /// [`Solver::run`] places them again. A real slot they leave must get potential 0, as free
    /// slots have; that makes it cheaper for the other rows that reach it, and any row for
    /// which it becomes cheaper than the slot it holds is freed too (and so on). Every row
    /// still placed then holds a slot of least reduced cost, as `run` requires.
    fn reopen(&mut self, graph: &Graph, rows: &[usize]) {
        // Who reaches each column, at what cost: the graph transposed.
        let columns = graph.first_slot.len() - 1;
        let mut start = vec![0usize; columns + 1];
        for row in 0..graph.rows {
            for (column, _) in graph.edges(row) {
                start[column as usize + 1] += 1;
            }
        }
        for k in 0..columns {
            start[k + 1] += start[k];
        }
        let mut next = start.clone();
        let mut reached_by = vec![(0u32, 0u32); graph.edge_count];
        for row in 0..graph.rows {
            for (column, c) in graph.edges(row) {
                reached_by[next[column as usize]] = (row as u32, c);
                next[column as usize] += 1;
            }
        }
        let mut queue: Vec<usize> = rows.to_vec();
        while let Some(row) = queue.pop() {
            let slot = self.held[row];
            if slot == NONE {
                continue; // freed already
            }
            self.held[row] = NONE;
            self.holder[slot as usize] = NONE;
            self.free.push(row as u32);
            let slot = slot as usize;
            if slot >= graph.slots {
                self.v[slot] = 0; // the row's own slot: nobody else reaches it
                continue;
            }
            if self.v[slot] == 0 {
                continue;
            }
            self.v[slot] = 0;
            let column = graph.slot_column[slot] as usize;
            for &(other, c) in &reached_by[start[column]..start[column + 1]] {
                let other = other as usize;
                let held = self.held[other];
                if held != NONE && i64::from(c) < self.held_cost[other] - self.v[held as usize] {
                    queue.push(other);
                }
            }
        }
        self.free.sort_unstable();
    }

    fn take(&mut self, row: usize, slot: usize, cost: i64) {
        self.holder[slot] = row as u32;
        self.held[row] = slot as u32;
        self.held_cost[row] = cost;
    }

    /// Each free row takes its slot of least reduced cost and lowers that slot's potential so
    /// that it is only as cheap as the row's second choice; the row it evicts tries again at
    /// once. On a tie the row takes the second slot instead (it may be free) and the evicted
    /// row waits for the next pass. Potentials only go down, so placed rows keep holding a slot
    /// of least reduced cost.
    fn augmenting_row_reduction(&mut self, graph: &Graph) {
        let todo = std::mem::take(&mut self.free);
        let mut k = 0;
        let mut stack: Vec<u32> = Vec::new();
        loop {
            let row = match stack.pop() {
                Some(r) => r as usize,
                None if k < todo.len() => {
                    k += 1;
                    todo[k - 1] as usize
                }
                None => break,
            };
            let own = graph.own(row);
            // Least and second least reduced cost, own slot first (ties go to real slots).
            let mut u1 = graph.left_out - self.v[own];
            let mut j1 = own;
            let mut c1 = graph.left_out;
            let mut u2 = INF;
            let mut j2 = NONE as usize;
            let mut c2 = 0;
            // A free slot at the least reduced cost, if there is one: on ties (frequent, with
            // the few distinct scores of real editions and the slots of one ambassador) the
            // row takes it and nobody is evicted.
            let mut free_at_min: Option<(usize, i64)> = None;
            for (column, c) in graph.edges(row) {
                let c = i64::from(c);
                // Edges go cheapest first and potentials are ≤ 0: no slot from here on costs
                // less than `c`, so none can improve on the two best (nor be a free slot at
                // the minimum once the two best differ).
                if !graph.full && (c > u2 || (c == u2 && u1 < u2)) {
                    break;
                }
                for s in graph.slots_of(column) {
                    let h = c - self.v[s];
                    if h < u2 {
                        if h < u1 || (h == u1 && j1 == own) {
                            if h < u1 {
                                free_at_min = None;
                            }
                            u2 = u1;
                            j2 = j1;
                            c2 = c1;
                            u1 = h;
                            j1 = s;
                            c1 = c;
                        } else {
                            u2 = h;
                            j2 = s;
                            c2 = c;
                        }
                    }
                    if h == u1 && free_at_min.is_none() && self.holder[s] == NONE {
                        free_at_min = Some((s, c));
                    }
                }
            }
            if j2 == NONE as usize {
                // No edge at all: the row is left out (its own slot is nobody else's).
                self.take(row, j1, c1);
                continue;
            }
            let mut target = j1;
            let mut cost = c1;
            let mut evicted = self.holder[j1];
            if u1 < u2 {
                self.v[j1] -= u2 - u1;
            } else if evicted != NONE {
                (target, cost) = free_at_min.unwrap_or((j2, c2));
                evicted = self.holder[target];
            }
            self.take(row, target, cost);
            if evicted != NONE {
                if u1 < u2 {
                    stack.push(evicted);
                } else {
                    self.free.push(evicted);
                }
                self.held[evicted as usize] = NONE;
            }
        }
    }

    /// Dijkstra from `row` over the slots on reduced costs until a free slot is reached, then
    /// the path is flipped and the potentials of the slots settled on the way are updated.
    fn augment(&mut self, graph: &Graph, row: usize, search: &mut Search) {
        search.reset();
        // Free slots are not queued: the nearest one found so far is kept aside (`search.end`,
        // at distance `bound`), and the search stops when nothing queued is nearer. Nothing at
        // or beyond `bound` can be on the path either, so a row's edges (sorted by cost, and
        // potentials being ≤ 0) are relaxed only until their cost alone reaches it.
        let mut bound = INF;
        self.relax(graph, search, &mut bound, row, 0);
        while let Some((d, slot)) = search.heap.pop() {
            let (d, slot) = (d as i64, slot as usize);
            if d >= bound {
                break;
            }
            if search.settled[slot] || d > search.d[slot] {
                continue;
            }
            search.settled[slot] = true;
            search.scanned.push(slot as u32);
            // Through the row holding `slot`: its slot is one of least reduced cost for it, so
            // every other edge of that row has a reduced cost ≥ that one's.
            let other = self.holder[slot] as usize;
            let base = self.held_cost[other] - self.v[slot];
            self.relax(graph, search, &mut bound, other, d - base);
        }
        // The row's own slot is always free, so a free slot was found.
        let end = search.end;
        let mu = search.d[end];
        for &s in &search.scanned {
            let s = s as usize;
            self.v[s] -= mu - search.d[s];
        }
        // Flip the path: each row on it takes the slot it was reached through.
        let mut slot = end;
        loop {
            let r = search.pred[slot] as usize;
            let previous = self.held[r];
            self.take(r, slot, search.pred_cost[slot]);
            if r == row {
                break;
            }
            slot = previous as usize;
        }
    }

    /// One step of [`Solver::augment`]'s search: the slots reached through row `from`, at
    /// distance `d0` plus the edge's cost less the slot's potential. `from`'s edges are sorted.
    fn relax(&self, graph: &Graph, search: &mut Search, bound: &mut i64, from: usize, d0: i64) {
        let mut reach = |bound: &mut i64, slot: usize, c: i64, lowest: i64| {
            let d = lowest - self.v[slot];
            if d < search.d[slot] && !search.settled[slot] {
                if search.d[slot] == INF {
                    search.touched.push(slot as u32);
                }
                search.d[slot] = d;
                search.pred[slot] = from as u32;
                search.pred_cost[slot] = c;
                if self.holder[slot] == NONE {
                    // Strictly nearer only: on ties the first found stays, deterministically.
                    if d < *bound {
                        *bound = d;
                        search.end = slot;
                    }
                } else {
                    search.heap.push(d as u64, slot as u32);
                }
            }
        };
        for (column, c) in graph.edges(from) {
            let c = i64::from(c);
            let lowest = d0 + c;
            if lowest >= *bound {
                return; // the remaining edges (and the own slot, dearest) cost as much
            }
            for slot in graph.slots_of(column) {
                reach(bound, slot, c, lowest);
            }
        }
        let lowest = d0 + graph.left_out;
        if lowest < *bound {
            reach(bound, graph.own(from), graph.left_out, lowest);
        }
    }

    /// [`Solver::augment`] when every row reaches every slot: Jonker–Volgenant's search, one
    /// pass over the slots not yet settled per step (relaxing through the row just reached and
    /// finding the next minimum together), which beats a heap when rows have that many edges.
    fn augment_full(&mut self, graph: &Graph, row: usize, search: &mut Search) {
        let slots = graph.slots;
        let todo = &mut search.todo;
        todo.clear();
        todo.extend(0..slots as u32);
        let d = &mut search.d;
        let pred = &mut search.pred;
        let scanned = &mut search.scanned;
        scanned.clear();
        for s in 0..slots {
            d[s] = i64::from(graph.full_cost(row, s)) - self.v[s];
            pred[s] = row as u32;
        }
        let own = graph.own(row);
        d[own] = graph.left_out - self.v[own];
        pred[own] = row as u32;
        todo.push(own as u32);
        let holder = &self.holder;
        let better = |a: usize, b: usize, d: &[i64]| {
            d[a] < d[b] || (d[a] == d[b] && holder[a] == NONE && holder[b] != NONE)
        };
        let mut at = 0;
        for k in 1..todo.len() {
            if better(todo[k] as usize, todo[at] as usize, d) {
                at = k;
            }
        }
        let end = loop {
            let j = todo[at] as usize;
            if holder[j] == NONE {
                break j;
            }
            let mu = d[j];
            todo.swap_remove(at);
            scanned.push(j as u32);
            let other = holder[j] as usize;
            let base = self.held_cost[other] - self.v[j];
            let own2 = graph.own(other);
            if own2 != j {
                d[own2] = INF;
                todo.push(own2 as u32);
            }
            let mut best = usize::MAX;
            for (k, &col) in todo.iter().enumerate() {
                let col = col as usize;
                let c = if col < slots {
                    i64::from(graph.full_cost(other, col))
                } else if col == own2 {
                    graph.left_out
                } else {
                    INF
                };
                if c < INF {
                    let reached = mu + c - self.v[col] - base;
                    if reached < d[col] {
                        d[col] = reached;
                        pred[col] = other as u32;
                    }
                }
                if best == usize::MAX || better(col, todo[best] as usize, d) {
                    best = k;
                }
            }
            at = best;
        };
        let mu = d[end];
        for &s in scanned.iter() {
            let s = s as usize;
            self.v[s] -= mu - d[s];
        }
        // Own slots joined the search: forget them for the next one.
        for &s in todo.iter().chain(scanned.iter()) {
            if (s as usize) >= slots {
                d[s as usize] = INF;
            }
        }
        let mut slot = end;
        loop {
            let r = pred[slot] as usize;
            let previous = self.held[r];
            let cost = if slot < slots {
                i64::from(graph.full_cost(r, slot))
            } else {
                graph.left_out
            };
            self.take(r, slot, cost);
            if r == row {
                break;
            }
            slot = previous as usize;
        }
        for &s in todo.iter().chain(scanned.iter()) {
            pred[s as usize] = NONE;
        }
    }

    /// All the pairs of the rows where a pair outside the candidates has a negative reduced
    /// cost, and how many rows needed their pairs looked at.
    fn violations(
        &self,
        graph: &Graph,
        problem: &Problem,
        candidates: &Candidates,
    ) -> (Vec<(usize, usize, u32)>, usize) {
        // The dearest slot of each column (free slots have potential 0).
        let columns = problem.capacities.len();
        let vmax: Vec<i64> = (0..columns)
            .map(|c| {
                let range = graph.first_slot[c] as usize..graph.first_slot[c + 1] as usize;
                self.v[range].iter().copied().max().unwrap_or(0)
            })
            .collect();
        let mut violations = Vec::new();
        let mut pairs = Vec::new();
        let mut checked = 0;
        for row in 0..graph.rows {
            let Some(floor) = candidates.floor[row] else {
                continue; // all its pairs are candidates
            };
            let slot = self.held[row] as usize;
            let u = self.held_cost[row] - self.v[slot];
            // Any other pair scores at most `floor`, so costs at least this; potentials are ≤ 0.
            if graph.max_score - i64::from(floor) >= u {
                continue;
            }
            checked += 1;
            // A row with a violation gets all its pairs (a row left out needs most of them
            // anyway), so that it is never checked again.
            problem.row_into(row, &mut pairs);
            let violated = pairs
                .iter()
                .any(|&(column, s)| graph.max_score - i64::from(s) - vmax[column as usize] - u < 0);
            if violated {
                violations.extend(pairs.iter().map(|&(c, s)| (row, c as usize, s)));
            }
        }
        (violations, checked)
    }

    fn assignment(&self, graph: &Graph) -> Vec<Option<usize>> {
        self.held
            .iter()
            .map(|&slot| {
                let slot = slot as usize;
                (slot < graph.slots).then(|| graph.slot_column[slot] as usize)
            })
            .collect()
    }
}

/// A Dijkstra search's state, reused from one row to the next (only what was touched is reset).
struct Search {
    d: Vec<i64>,
    pred: Vec<u32>,
    /// The cost of the edge each slot was reached through.
    pred_cost: Vec<i64>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    scanned: Vec<u32>,
    /// Slots not yet settled ([`Solver::augment_full`]).
    todo: Vec<u32>,
    /// Held slots reached, by distance (never negative: reduced costs are not).
    heap: RadixHeap,
    /// The nearest free slot found ([`Solver::augment`]).
    end: usize,
}

impl Search {
    fn new(m: usize) -> Search {
        Search {
            d: vec![INF; m],
            pred: vec![NONE; m],
            pred_cost: vec![0; m],
            settled: vec![false; m],
            touched: Vec::new(),
            scanned: Vec::new(),
            todo: Vec::new(),
            heap: RadixHeap::new(),
            end: NONE as usize,
        }
    }

    fn reset(&mut self) {
        for &s in &self.touched {
            self.d[s as usize] = INF;
            self.settled[s as usize] = false;
        }
        self.touched.clear();
        self.scanned.clear();
        self.heap.clear();
        self.end = NONE as usize;
    }
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

    /// Random rows in column order: (column, score), scores over `span` values.
    fn random_rows(rng: &mut fastrand::Rng, rows: usize, columns: u32, span: u32) -> PairLists {
        let mut lists = PairLists::default();
        for _ in 0..rows {
            let mut list = Vec::new();
            for c in 0..columns {
                if rng.u8(0..4) > 0 {
                    list.push((c, rng.u32(0..span)));
                }
            }
            lists.push(&list);
        }
        lists
    }

    #[test]
    fn keeping_the_best_pairs_agrees_with_a_full_sort() {
        let mut rng = fastrand::Rng::with_seed(11);
        let (mut scratch, mut counts) = (Vec::new(), Vec::new());
        for round in 0..300 {
            // Few distinct scores (counted) and many (selected by comparisons).
            let span = if round % 2 == 0 { 40 } else { 1_000_000 };
            let columns = rng.u32(2..300);
            let rows = random_rows(&mut rng, 1, columns, span);
            let mut pairs = rows.row(0).to_vec();
            if pairs.len() < 2 {
                continue;
            }
            let keep = rng.usize(1..pairs.len());
            let mut want = pairs.clone();
            want.sort_by_key(|&(c, s)| (Reverse(s), c));
            want.truncate(keep);
            best_first(&mut pairs, keep, &mut scratch, &mut counts);
            assert_eq!(pairs, want);
        }
    }

    #[test]
    fn rows_are_sorted_best_first_then_by_column() {
        let mut rng = fastrand::Rng::with_seed(12);
        let (mut scratch, mut counts) = (Vec::new(), Vec::new());
        for round in 0..300 {
            // Few distinct scores (counted) and many (sorted by comparisons).
            let span = if round % 2 == 0 { 30 } else { 1 << 30 };
            let columns = rng.u32(0..200);
            let lists = random_rows(&mut rng, 1, columns, span);
            let mut row = lists.row(0).to_vec();
            let mut want = row.clone();
            want.sort_by_key(|&(c, s)| (Reverse(s), c));
            best_first(&mut row, usize::MAX, &mut scratch, &mut counts);
            assert_eq!(row, want);
        }
    }

    /// `pairs` random pairs: `not_allowed` in a hundred are not allowed, the others score
    /// `score(rng)`.
    fn random_table(
        rng: &mut fastrand::Rng,
        pairs: usize,
        not_allowed: u32,
        score: impl Fn(&mut fastrand::Rng) -> u32,
    ) -> Vec<Option<u32>> {
        (0..pairs)
            .map(|_| (rng.u32(0..100) >= not_allowed).then(|| score(rng)))
            .collect()
    }

    /// Every pair made is allowed, and no column takes more rows than it has places.
    fn assert_feasible(
        assignment: &[Option<usize>],
        score: &dyn Fn(usize, usize) -> Option<u32>,
        capacities: &[u32],
    ) {
        let mut used = vec![0u32; capacities.len()];
        for (row, column) in assignment.iter().enumerate() {
            if let Some(c) = column {
                assert!(score(row, *c).is_some(), "a pair not allowed");
                used[*c] += 1;
            }
        }
        assert!(
            used.iter().zip(capacities).all(|(u, c)| u <= c),
            "capacity exceeded"
        );
    }

    #[test]
    fn matches_brute_force_on_random_small_instances() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..400 {
            let rows = rng.usize(0..7);
            let columns = rng.usize(1..5);
            let capacities: Vec<u32> = (0..columns).map(|_| rng.u32(0..3)).collect();
            let table = random_table(&mut rng, rows * columns, 30, |rng| rng.u32(0..6) * 10);
            let score = |r: usize, c: usize| table[r * columns + c];
            let assignment = solve(&Problem {
                rows,
                capacities: &capacities,
                score: &score,
                rows_scores: None,
            });
            // Feasible: allowed pairs only, capacities respected.
            assert_feasible(&assignment, &score, &capacities);
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
            rows_scores: None,
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
            rows_scores: None,
        });
        let b = solve(&Problem {
            rows: 5,
            capacities: &[2, 1],
            score: &score,
            rows_scores: None,
        });
        assert_eq!(a, b);
        assert_eq!(a.iter().filter(|x| x.is_some()).count(), 3);
    }

    #[test]
    fn on_candidates_only_the_proof_finds_the_same_optimum() {
        // Few candidates per row force pairs outside them into the solution: the dual check
        // must find them and the result must equal the solve on all pairs.
        let mut rng = fastrand::Rng::with_seed(11);
        let mut rounds = 0;
        for _ in 0..200 {
            let rows = rng.usize(1..30);
            let columns = rng.usize(1..20);
            let capacities: Vec<u32> = (0..columns).map(|_| rng.u32(0..3)).collect();
            let table = random_table(&mut rng, rows * columns, 40, |rng| rng.u32(0..8) * 5);
            let score = |r: usize, c: usize| table[r * columns + c];
            let problem = Problem {
                rows,
                capacities: &capacities,
                score: &score,
                rows_scores: None,
            };
            let full = solve(&problem);
            let keep = rng.usize(1..4);
            let (partial, report) = solve_keeping(&problem, keep);
            rounds += report.rounds;
            assert_eq!(evaluate(&partial, &score), evaluate(&full, &score));
            assert_eq!(partial, solve_keeping(&problem, keep).0, "deterministic");
        }
        assert!(
            rounds > 200,
            "some instances needed the candidates corrected"
        );
    }

    #[test]
    fn with_fewer_places_than_rows_the_turned_problem_gives_the_same_optimum() {
        // Several rows per place: the problem is solved turned around; solving it row by row
        // (every pair kept as a candidate, so no proof is needed) must give the same optimum.
        let mut rng = fastrand::Rng::with_seed(13);
        for round in 0..60 {
            let rows = rng.usize(20..200);
            let columns = rng.usize(1..30);
            let capacities: Vec<u32> = (0..columns).map(|_| rng.u32(0..4)).collect();
            let spread = if round % 2 == 0 { 5 } else { 1000 };
            let table = random_table(&mut rng, rows * columns, 30, |rng| rng.u32(0..spread));
            let score = |r: usize, c: usize| table[r * columns + c];
            let problem = Problem {
                rows,
                capacities: &capacities,
                score: &score,
                rows_scores: None,
            };
            if !fewer_places(&problem) {
                continue;
            }
            let turned = solve(&problem);
            assert_feasible(&turned, &score, &capacities);
            let row_by_row = solve_keeping(&problem, columns).0;
            assert_eq!(evaluate(&turned, &score), evaluate(&row_by_row, &score));
            assert_eq!(turned, solve(&problem), "deterministic");
        }
        // Every pair allowed, too many rows for the square path: each place reaches every row.
        let (rows, capacities) = (5000, [1, 2, 1]);
        let table: Vec<u32> = (0..rows * 3).map(|_| rng.u32(0..50)).collect();
        let score = |r: usize, c: usize| Some(table[r * 3 + c]);
        let problem = Problem {
            rows,
            capacities: &capacities,
            score: &score,
            rows_scores: None,
        };
        assert!(rows * rows > SQUARE_LIMIT && fewer_places(&problem));
        let turned = solve(&problem);
        assert_feasible(&turned, &score, &capacities);
        let row_by_row = solve_keeping(&problem, 3).0;
        assert_eq!(evaluate(&turned, &score), evaluate(&row_by_row, &score));
    }

    #[test]
    fn complete_problems_take_the_square_path_and_stay_exact() {
        // Every pair allowed and no more places than rows: the square Jonker–Volgenant path.
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..300 {
            let columns = rng.usize(1..4);
            let capacities: Vec<u32> = (0..columns).map(|_| rng.u32(1..3)).collect();
            let places: u32 = capacities.iter().sum();
            let rows = places as usize + rng.usize(0..3);
            // Few scores (ties), more, and too many for 16-bit costs.
            let spread = [3, 50, 100_000][rng.usize(0..3)];
            let table: Vec<u32> = (0..rows * columns).map(|_| rng.u32(0..spread)).collect();
            let score = |r: usize, c: usize| Some(table[r * columns + c]);
            let problem = Problem {
                rows,
                capacities: &capacities,
                score: &score,
                rows_scores: None,
            };
            assert!(
                solve_complete(&problem).is_some(),
                "the square path is taken"
            );
            let assignment = solve(&problem);
            assert_feasible(&assignment, &score, &capacities);
            assert_eq!(
                evaluate(&assignment, &score),
                brute_force(rows, &capacities, &score)
            );
        }
    }
}
