import { describe, expect, it } from "vitest";
import { boardFrom, filterAmbassadors, noBoardFilters } from "./board";
import { data } from "./boardFixtures";
import { shownPairs } from "./components/board/boardState";
import { statusLabel } from "./components/board/StudentChip";

// The follow-up after notification (#17) on the board: its statuses filter the grid and are what
// the bulk change applies to, like the statuses before them.
describe("follow-up statuses on the board", () => {
  const followed = () => {
    const d = data();
    // Alice's pair (100) confirmed, Bruno's (101) cancelled.
    const status = { 100: "confirmed", 101: "cancelled" } as const;
    return boardFrom({ ...d, pairs: d.pairs.map((p) => ({ ...p, pair: { ...p.pair, status: status[p.pair.id as 100 | 101] } })) });
  };

  it("filters the ambassadors and gives the bulk change the pairs of that follow-up status", () => {
    const b = followed();
    const confirmed = filterAmbassadors(b, { ...noBoardFilters, status: "confirmed" });
    expect(confirmed.map((a) => a.id)).toEqual([10]);
    expect(shownPairs(b, confirmed, "confirmed").map((p) => p.pair.id)).toEqual([100]);
    const cancelled = filterAmbassadors(b, { ...noBoardFilters, status: "cancelled" });
    expect(shownPairs(b, cancelled, "cancelled").map((p) => p.pair.id)).toEqual([101]);
    expect(shownPairs(b, filterAmbassadors(b, noBoardFilters), "done")).toEqual([]);
  });

  it("names every status in French, in the workflow's order", () => {
    expect(Object.values(statusLabel)).toEqual(["proposé", "validé", "notifié", "confirmé", "réalisé", "annulé", "absent"]);
  });
});
