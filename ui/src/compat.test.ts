import { describe, expect, it } from "vitest";
import { summarizeBarriers } from "./compat";
import type { Compatibility } from "./bindings/Compatibility";

const c = (ambassador: number, barrier: string | null): Compatibility => ({
  ambassador,
  evaluation: barrier ? null : { score: 10, parts: [], wishRank: null, distanceKm: null },
  barrier,
  placesLeft: 1,
  current: false,
});

describe("summarizeBarriers", () => {
  it("counts each reason once, the most frequent first", () => {
    const all = [c(1, null), c(2, "hors département"), c(3, "capacité 0"), c(4, "hors département")];
    expect(summarizeBarriers(all)).toEqual([
      ["hors département", 2],
      ["capacité 0", 1],
    ]);
  });
});
