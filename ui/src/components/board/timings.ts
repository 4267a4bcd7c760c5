// Figures the benchmarks (bench/app.sh, bench/board.sh) read from the real app through WebDriver:
// time from opening the board to its first paint, and from each move (a drop, a choice in
// « Affecter à… », « Retirer du binôme ») to the move shown — before the store has saved it when
// its result is known beforehand (useBoard.ts) — and, apart, to the store's answer shown.
//
// Only in the benchmark's build (`VITE_BINOMES_BENCH=1 npm run build`): Vite writes the flag in
// at build time, so in the app's own build `MEASURING` is `false`, every function below does
// nothing and the bundler drops the measurements; `window.__binomesTimings` is not defined.

import { afterNextFrame } from "../../frames";

/** Whether this build measures the board (the benchmark's build). */
export const MEASURING: boolean = import.meta.env.VITE_BINOMES_BENCH === "1";

/** The most move times kept (the latest): a long run must not grow them without bound. */
export const MAX_DROPS = 10_000;

type Timings = {
  boardPaintMs: number | null;
  dropsMs: number[];
  /** Of each move: the store's answer seen; from the move to the board's commit; the frame after. */
  savedMs: number[];
  renderMs: number[];
  frameMs: number[];
  /** Of each move shown before the store saved it: from the move to its change, saved, shown. */
  confirmedMs: number[];
  editionOpenedAt: number | null;
};

const timings: Timings = { boardPaintMs: null, dropsMs: [], savedMs: [], renderMs: [], frameMs: [], confirmedMs: [], editionOpenedAt: null };
if (MEASURING) (window as unknown as { __binomesTimings: Timings }).__binomesTimings = timings;

/** Adds `value` at the end of `list`, dropping the oldest beyond `max`. */
export function pushCapped(list: number[], value: number, max: number) {
  list.push(value);
  if (list.length > max) list.splice(0, list.length - max);
}

/** The organiser opened an edition (the board's first paint counts from here). */
export function markEditionOpened() {
  if (MEASURING) timings.editionOpenedAt = performance.now();
}

/** When the board started: the opening of its edition if just done, else now (0 when not measuring). */
export function boardStart(): number {
  if (!MEASURING) return 0;
  const start = timings.editionOpenedAt ?? performance.now();
  timings.editionOpenedAt = null;
  return start;
}

let boardPaintAwaited = false;
/** The board is committed (call from a layout effect): the first time, how long from `start`
 * (from `boardStart`) to the end of the frame that shows it. */
export function recordBoardPaint(start: number) {
  if (!MEASURING || timings.boardPaintMs !== null || boardPaintAwaited) return;
  boardPaintAwaited = true;
  afterNextFrame(() => {
    timings.boardPaintMs = performance.now() - start;
  });
}

/** A move starts: when, or null when not measuring. */
export function moveStarted(): number | null {
  return MEASURING ? performance.now() : null;
}

/** The board committed the move (call from a layout effect): how long from `start` (from
 * `moveStarted`) to the commit, then to the end of the frame that shows it. A move shown before
 * the store saves it is committed in its own render; the others, when the store's answer comes. */
export function recordDrop(start: number) {
  if (!MEASURING) return;
  const committed = performance.now();
  pushCapped(timings.renderMs, committed - start, MAX_DROPS);
  afterNextFrame(() => {
    const now = performance.now();
    pushCapped(timings.dropsMs, now - start, MAX_DROPS);
    pushCapped(timings.frameMs, now - committed, MAX_DROPS);
  });
}

/** A move shown before the store saved it has its change, saved, committed (call from a layout
 * effect): how long from `start` (from `moveStarted`) to the end of the frame that shows it. */
export function recordConfirmed(start: number) {
  if (MEASURING) afterNextFrame(() => pushCapped(timings.confirmedMs, performance.now() - start, MAX_DROPS));
}

/** The store's answer to a move is seen: how long since `start`. The answer waits for the
 * frame that shows the move when the move was shown first. */
export function recordSaved(start: number | null) {
  if (MEASURING && start !== null) pushCapped(timings.savedMs, performance.now() - start, MAX_DROPS);
}
