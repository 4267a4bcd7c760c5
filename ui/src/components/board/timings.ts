// Figures the board benchmark (bench/board.sh) reads from the real app through WebDriver:
// time from opening the board to its first paint, and from each move (a drop, a choice in
// « Affecter à… », « Retirer du binôme ») to the change shown — the store has it by then: the
// change comes back from the command that saved it.
//
// Only in the benchmark's build (`VITE_BINOMES_BENCH=1 npm run build`): Vite writes the flag in
// at build time, so in the app's own build `MEASURING` is `false`, every function below does
// nothing and the bundler drops the measurements; `window.__binomesTimings` is not defined.

/** Whether this build measures the board (the benchmark's build). */
export const MEASURING: boolean = import.meta.env.VITE_BINOMES_BENCH === "1";

/** The most move times kept (the latest): a long run must not grow them without bound. */
export const MAX_DROPS = 10_000;

type Timings = {
  boardPaintMs: number | null;
  dropsMs: number[];
  /** Of each move: the command's round trip, the board's render and commit, the frame after. */
  savedMs: number[];
  renderMs: number[];
  frameMs: number[];
  editionOpenedAt: number | null;
};

const timings: Timings = { boardPaintMs: null, dropsMs: [], savedMs: [], renderMs: [], frameMs: [], editionOpenedAt: null };
/** A move came back saved and its render has not started / has started at this time. */
let moveRender: "none" | "awaited" | number = "none";
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

/** Calls `then` once the next frame is drawn (its animation frame, then the task after it): the
 * end of the frame that shows what the page has just committed. */
function afterNextFrame(then: () => void) {
  requestAnimationFrame(() => setTimeout(then, 0));
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

/** The change a move made is committed (call from a layout effect): how long from `start` (from
 * `moveStarted`) to the end of the frame that shows it. */
export function recordDrop(start: number) {
  if (MEASURING) afterNextFrame(() => pushCapped(timings.dropsMs, performance.now() - start, MAX_DROPS));
}

/** The change a move made came back saved from the store: how long since `start` (the command's
 * round trip, waiting for the store included; the rest of the move is drawing it). */
export function recordSaved(start: number | null) {
  if (!MEASURING || start === null) return;
  pushCapped(timings.savedMs, performance.now() - start, MAX_DROPS);
  moveRender = "awaited";
}

/** The board starts rendering (called at the top of its render). */
export function boardRenderStarted() {
  if (MEASURING && moveRender === "awaited") moveRender = performance.now();
}

/** The board's render is committed (its layout effect): for a move's, how long the render and
 * commit took, then how long until the next frame was drawn. */
export function boardCommitted() {
  if (!MEASURING || typeof moveRender !== "number") return;
  const committed = performance.now();
  pushCapped(timings.renderMs, committed - moveRender, MAX_DROPS);
  moveRender = "none";
  afterNextFrame(() => pushCapped(timings.frameMs, performance.now() - committed, MAX_DROPS));
}
