import { describe, expect, it } from "vitest";
import {
  applyChange,
  boardFrom,
  displacingMove,
  dropIntent,
  excludedStudents,
  filterAmbassadors,
  historyShortcut,
  noBoardFilters,
  stateConfirmation,
  stateLabel,
  summary,
  unpairedStudents,
} from "./board";
import { ambassador, board, data, pair, student } from "./boardFixtures";

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
      peopleChanged: false,
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
      peopleChanged: false,
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

  it("keeps the students of a level or a school, and the ambassadors hosting one", () => {
    // Alice (Bac+5, ENS Lyon) with Xavier, Bruno (Bac+3, ENS Lyon) with Yasmine, Chloé (Bac+3, Sorbonne) waiting.
    const b = boardFrom({
      ...data(),
      students: data().students.map((s) => ({
        ...s,
        level: s.id === 1 ? "Bac+5" : "Bac+3",
        school: s.id === 3 ? "Sorbonne" : "ENS Lyon",
      })),
    });
    const f = (patch: Partial<typeof noBoardFilters>) => ({ ...noBoardFilters, ...patch });
    const ambassadors = (patch: Partial<typeof noBoardFilters>) => filterAmbassadors(b, f(patch)).map((a) => a.id);
    const unpaired = (patch: Partial<typeof noBoardFilters>) => unpairedStudents(b, f(patch)).map((s) => s.id);
    expect(ambassadors({ level: "Bac+5" })).toEqual([10]);
    expect(ambassadors({ level: "Bac+3" })).toEqual([11]);
    expect(ambassadors({ school: "ENS Lyon" })).toEqual([10, 11]);
    expect(ambassadors({ school: "Sorbonne" })).toEqual([]);
    expect(ambassadors({ level: "Bac+3", school: "ENS Lyon" })).toEqual([11]);
    expect(unpaired({ level: "Bac+3" })).toEqual([3]);
    expect(unpaired({ level: "Bac+5" })).toEqual([]);
    expect(unpaired({ school: "Sorbonne" })).toEqual([3]);
    expect(unpaired({ school: "ENS Lyon" })).toEqual([]);
  });

  it("finds an ambassador by the name or e-mail of their student, accents aside", () => {
    const b = board();
    expect(filterAmbassadors(b, { ...noBoardFilters, query: "alice@example" }).map((a) => a.id)).toEqual([10]);
    expect(unpairedStudents(b, { ...noBoardFilters, query: "chloe" }).map((s) => s.id)).toEqual([3]);
  });
});

describe("summary", () => {
  it("counts placed students, first wishes and the mean distance", () => {
    expect(summary(board())).toEqual({ students: 3, placed: 2, unplaced: 1, placesLeft: 2, firstWish: 1, averageKm: 10, excluded: 0 });
  });
});

describe("students outside the retained states", () => {
  // Chloé (3) and Denis (4), both « en instruction », are out; Denis was paired by hand.
  const outOfState = () =>
    boardFrom({
      ...data(),
      students: [
        ...data().students,
        { ...student(4, "Denis"), applicationState: "en_instruction" },
        { ...student(5, "Emma"), applicationState: "a_revoir" },
      ].map((s) => (s.id === 3 ? { ...s, applicationState: "en_instruction" } : s)),
      pairs: [...data().pairs, pair(102, 4, 11, 30)],
      excluded: [
        { student: 3, diagnosis: "dossier « en instruction », hors des états retenus (« accepté »)" },
        { student: 4, diagnosis: "dossier « en instruction », hors des états retenus (« accepté »)" },
      ],
    });

  it("are listed apart from the students without a pair, and counted apart", () => {
    const b = outOfState();
    expect(unpairedStudents(b, noBoardFilters).map((s) => s.id)).toEqual([5]);
    expect(excludedStudents(b, noBoardFilters).map((s) => s.id)).toEqual([3]);
    expect(excludedStudents(b, { ...noBoardFilters, query: "denis" })).toEqual([]);
    // Denis, paired by hand, counts as placed; Chloé is neither demand nor unplaced.
    expect(summary(b)).toMatchObject({ students: 4, placed: 3, unplaced: 1, excluded: 1 });
  });

  it("are named by the engine's label, an unknown state as stored", () => {
    const b = outOfState();
    expect(stateLabel(b, b.studentById.get(3))).toBe("en instruction");
    expect(stateLabel(b, b.studentById.get(5))).toBe("a_revoir");
    expect(stateLabel(b, b.studentById.get(1))).toBeNull();
  });

  it("are paired by hand only once the organiser says yes", () => {
    const b = outOfState();
    expect(stateConfirmation(b, 3, { kind: "ambassador", ambassador: 11 })).toBe(
      "Ce dossier est « en instruction », hors des états retenus. L'apparier quand même ?",
    );
    // Moving one already paired by hand elsewhere asks again; putting them back or unpairing does not.
    expect(stateConfirmation(b, 4, { kind: "ambassador", ambassador: 12 })).not.toBeNull();
    expect(stateConfirmation(b, 4, { kind: "ambassador", ambassador: 11 })).toBeNull();
    expect(stateConfirmation(b, 4, { kind: "unpaired" })).toBeNull();
    expect(stateConfirmation(b, 5, { kind: "ambassador", ambassador: 11 })).toBeNull();
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
