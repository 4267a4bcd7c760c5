import { afterEach, describe, expect, it, vi } from "vitest";

type Timings = { boardPaintMs: number | null; dropsMs: number[] };
const published = () => (globalThis as { window?: { __binomesTimings?: Timings } }).window?.__binomesTimings;

// timings.ts reads the flag once, when loaded: each case loads it afresh.
async function load(flag: string | undefined) {
  vi.resetModules();
  vi.stubGlobal("window", {});
  vi.stubGlobal("requestAnimationFrame", (frame: (time: number) => void) => setTimeout(() => frame(0), 0));
  vi.stubEnv("VITE_BINOMES_BENCH", flag);
  return import("./timings");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("the board benchmark's figures", () => {
  it("are not taken, nor published, in the app's own build", async () => {
    const t = await load(undefined);
    expect(t.MEASURING).toBe(false);
    t.markEditionOpened();
    t.recordBoardPaint(t.boardStart());
    t.recordDrop(0);
    expect(t.moveStarted()).toBe(null);
    expect(published()).toBe(undefined);
  });

  it("are taken in the benchmark's build, the latest moves only", async () => {
    const t = await load("1");
    expect(t.MEASURING).toBe(true);
    t.markEditionOpened();
    t.recordBoardPaint(t.boardStart());
    for (let i = 0; i < t.MAX_DROPS + 5; i++) t.recordDrop(t.moveStarted() ?? 0);
    // Each taken at the end of the frame after it.
    expect(published()?.dropsMs).toHaveLength(0);
    await vi.waitFor(() => expect(published()?.dropsMs).toHaveLength(t.MAX_DROPS));
    expect(published()?.boardPaintMs).toBeGreaterThanOrEqual(0);
  });

  it("keep a list to its last values", async () => {
    const { pushCapped } = await load(undefined);
    const list = [1, 2, 3];
    pushCapped(list, 4, 3);
    expect(list).toEqual([2, 3, 4]);
    pushCapped(list, 5, 5);
    expect(list).toEqual([2, 3, 4, 5]);
  });
});
