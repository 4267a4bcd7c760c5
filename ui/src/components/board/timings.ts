// Figures the board benchmark (bench/board.sh) reads from the real app through WebDriver:
// time from opening the board to its first paint, and from each drop to the change shown
// (the store has it by then: the change comes back from the command that saved it).
type Timings = { boardPaintMs: number | null; dropsMs: number[] };

const timings: Timings = { boardPaintMs: null, dropsMs: [] };
(window as unknown as { __binomesTimings: Timings }).__binomesTimings = timings;

export function recordBoardPaint(ms: number) {
  if (timings.boardPaintMs === null) timings.boardPaintMs = ms;
}

export function recordDrop(ms: number) {
  timings.dropsMs.push(ms);
}
