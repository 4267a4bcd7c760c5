import { describe, expect, it } from "vitest";
import {
  applyChange,
  boardFrom,
  displacingMove,
  dropIntent,
  filterAmbassadors,
  historyShortcut,
  noBoardFilters,
  summary,
  unpairedStudents,
} from "./board";
import { ambassador, board, data, pair } from "./boardFixtures";

describe("what a drop means", () => {
  it("pairs a student dropped on an ambassador with a free place", () => {
    expect(dropIntent(board(), 3, { kind: "ambassador", ambassador: 11 })).toEqual({
      kind: "move",
      move: { student: 3, to: 11, swap: false },
    });
  });

  it("does nothing when dropped where the student already is, or an unpaired student on the list", () => {
    expect(dropIntent(board(), 1, { kind: "ambassador", ambassador: 10 })).toEqual({ kind: "nothing" });
    expect(dropIntent(board(), 3, { kind: "unpaired" })).toEqual({ kind: "nothing" });
  });

  it("refuses a drop on an ambassador who hosts nobody this year", () => {
    const b = boardFrom({ ...data(), ambassadors: [ambassador(10, "Xavier", 0)], pairs: [] });
    expect(dropIntent(b, 1, { kind: "ambassador", ambassador: 10 })).toEqual({
      kind: "refused",
      reason: "Xavier AGENT n'accueille personne cette année (capacité 0).",
    });
  });

  it("unpairs a paired student dropped on the list", () => {
    expect(dropIntent(board(), 1, { kind: "unpaired" })).toEqual({ kind: "move", move: { student: 1, to: null, swap: false } });
  });

  it("asks before displacing someone from a full ambassador, swap only when the student had a pair", () => {
    const fromPair = dropIntent(board(), 2, { kind: "ambassador", ambassador: 10 });
    expect(fromPair).toMatchObject({ kind: "full", occupants: [1], target: 1, canSwap: true });
    const fromList = dropIntent(board(), 3, { kind: "ambassador", ambassador: 10 });
    expect(fromList).toMatchObject({ kind: "full", canSwap: false });
    if (fromPair.kind !== "full" || fromList.kind !== "full") throw new Error("full expected");
    expect(displacingMove(fromPair, 1, true)).toEqual({ student: 2, to: 10, displace: 1, swap: true });
    // Nobody to swap with: it is a replacement.
    expect(displacingMove(fromList, 1, true)).toEqual({ student: 3, to: 10, displace: 1, swap: false });
  });
});

describe("a change saved in the store", () => {
  it("moves pairs between ambassadors and updates the history", () => {
    const before = board();
    const moved = pair(102, 3, 11, 90);
    const after = applyChange(before, {
      label: "Chloé avec Yasmine",
      pairs: [moved],
      removed: [100],
      forbiddenChanged: false,
      withdrawalsChanged: false,
      history: { undo: "Chloé avec Yasmine", redo: null },
    });
    expect(after.pairOfStudent.has(1)).toBe(false);
    expect(after.pairsOfAmbassador.get(11)?.map((p) => p.pair.studentId)).toEqual([2, 3]);
    expect(after.pairsOfAmbassador.has(10)).toBe(false);
    expect(after.history.undo).toBe("Chloé avec Yasmine");
    // The state before is untouched (React compares by reference).
    expect(before.pairOfStudent.has(1)).toBe(true);
    expect(unpairedStudents(after, noBoardFilters).map((s) => s.id)).toEqual([1]);
  });

  it("keeps the pair lists of untouched ambassadors, so that their rows are not drawn again", () => {
    const before = board();
    const after = applyChange(before, {
      label: "Chloé avec Zoé",
      pairs: [pair(102, 3, 12, 90)],
      removed: [],
      forbiddenChanged: false,
      withdrawalsChanged: false,
      history: { undo: "Chloé avec Zoé", redo: null },
    });
    expect(after.pairsOfAmbassador.get(10)).toBe(before.pairsOfAmbassador.get(10));
    expect(after.pairsOfAmbassador.get(11)).toBe(before.pairsOfAmbassador.get(11));
    expect(after.pairsOfAmbassador.get(12)?.map((p) => p.pair.studentId)).toEqual([3]);
  });
});

describe("filters", () => {
  it("keeps ambassadors by région, métier, free place and low score", () => {
    const b = board();
    const ids = (f: Partial<typeof noBoardFilters>) => filterAmbassadors(b, { ...noBoardFilters, ...f }).map((a) => a.id);
    expect(ids({})).toEqual([10, 11, 12]);
    expect(ids({ region: "11" })).toEqual([12]);
    expect(ids({ job: "Data scientist" })).toEqual([10, 11]);
    expect(ids({ status: "free" })).toEqual([11, 12]);
    expect(ids({ status: "empty" })).toEqual([12]);
    expect(ids({ scoreBelow: "50" })).toEqual([11]);
  });

  it("orders the grid by weakest pair, free places or département", () => {
    const b = board();
    const ids = (sort: typeof noBoardFilters.sort) => filterAmbassadors(b, { ...noBoardFilters, sort }).map((a) => a.id);
    expect(ids("name")).toEqual([10, 11, 12]);
    expect(ids("weakest")).toEqual([11, 10, 12]);
    expect(ids("places")).toEqual([11, 12, 10]);
    expect(ids("departement")).toEqual([10, 11, 12]);
  });

  it("finds an ambassador by the name or e-mail of their student, accents aside", () => {
    const b = board();
    expect(filterAmbassadors(b, { ...noBoardFilters, query: "alice@example" }).map((a) => a.id)).toEqual([10]);
    expect(unpairedStudents(b, { ...noBoardFilters, query: "chloe" }).map((s) => s.id)).toEqual([3]);
  });
});

describe("summary", () => {
  it("counts placed students, first wishes and the mean distance", () => {
    expect(summary(board())).toEqual({ students: 3, placed: 2, unplaced: 1, placesLeft: 2, firstWish: 1, averageKm: 10 });
  });
});

describe("withdrawals", () => {
  it("leave people out of the grid, the unpaired list and the counts", () => {
    const b = boardFrom({
      ...data(),
      pairs: [pair(100, 1, 10, 120)],
      withdrawals: [
        { editionId: 1, role: "student", person: 3, reason: "malade", withdrawnOn: "2026-11-20" },
        { editionId: 1, role: "ambassador", person: 12, reason: null, withdrawnOn: "2026-11-21" },
      ],
    });
    expect(filterAmbassadors(b, noBoardFilters).map((a) => a.id)).toEqual([10, 11]);
    expect(unpairedStudents(b, noBoardFilters).map((s) => s.id)).toEqual([2]);
    expect(summary(b)).toMatchObject({ students: 2, placed: 1, unplaced: 1, placesLeft: 2 });
  });
});

describe("keyboard shortcuts", () => {
  const key = (key: string, extra: Partial<{ ctrlKey: boolean; shiftKey: boolean; tagName: string }> = {}) =>
    historyShortcut({
      key,
      ctrlKey: extra.ctrlKey ?? true,
      metaKey: false,
      shiftKey: extra.shiftKey ?? false,
      target: { tagName: extra.tagName ?? "DIV" } as unknown as EventTarget,
    });
  it("undoes with Ctrl+Z, redoes with Ctrl+Y or Ctrl+Shift+Z, and leaves text fields alone", () => {
    expect(key("z")).toBe("undo");
    expect(key("y")).toBe("redo");
    expect(key("Z", { shiftKey: true })).toBe("redo");
    expect(key("z", { ctrlKey: false })).toBe(null);
    expect(key("z", { tagName: "INPUT" })).toBe(null);
  });
});
