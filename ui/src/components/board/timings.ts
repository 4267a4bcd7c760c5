// Figures the board benchmark (bench/board.sh) reads from the real app through WebDriver:
// time from opening the board to its first paint, and from each move (a drop, a choice in
// « Affecter à… », « Retirer du binôme ») to the change shown — the store has it by then: the
// change comes back from the command that saved it.
type Timings = { boardPaintMs: number | null; dropsMs: number[]; editionOpenedAt: number | null };

const timings: Timings = { boardPaintMs: null, dropsMs: [], editionOpenedAt: null };
(window as unknown as { __binomesTimings: Timings }).__binomesTimings = timings;

/** The organiser opened an edition (the board's first paint counts from here). */
export function markEditionOpened() {
  timings.editionOpenedAt = performance.now();
}

/** When the board started: the opening of its edition if just done, else now. */
export function boardStart(): number {
  const start = timings.editionOpenedAt ?? performance.now();
  timings.editionOpenedAt = null;
  return start;
}

export function recordBoardPaint(ms: number) {
  if (timings.boardPaintMs === null) timings.boardPaintMs = ms;
}

export function recordDrop(ms: number) {
  timings.dropsMs.push(ms);
}
