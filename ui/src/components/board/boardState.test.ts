import { describe, expect, it } from "vitest";
import type { BoardChange } from "../../bindings/BoardChange";
import type { Compatibility } from "../../bindings/Compatibility";
import { boardFrom, filterAmbassadors, noBoardFilters, PENDING_IDS, pendingMove, summary } from "../../board";
import { board, data, pair } from "../../boardFixtures";
import {
  boardReducer,
  dragAnnouncements,
  dropPreview,
  initialBoardUi,
  needsDiagnoses,
  selectionOf,
  shownPairs,
  studentOf,
  summaryText,
  targetOf,
  type BoardEvent,
  type BoardUi,
  type FullIntent,
} from "./boardState";

// Alice (1) with Xavier (10, full), Bruno (2) with Yasmine (11, a place left), Chloé (3) unpaired,
// Zoé (12) with no one: see boardFixtures.ts.
const loaded = (): BoardUi => boardReducer(initialBoardUi, { type: "loaded", board: board() });
const after = (state: BoardUi, ...events: BoardEvent[]) => events.reduce(boardReducer, state);

function change(extra: Partial<BoardChange> = {}): BoardChange {
  return {
    label: "Chloé avec Yasmine",
    pairs: [pair(102, 3, 11, 90)],
    removed: [],
    forbiddenChanged: false,
    withdrawalsChanged: false,
    peopleChanged: false,
    history: { undo: "Chloé avec Yasmine", redo: null },
    ...extra,
  };
}

const compatibility = (ambassador: number, extra: Partial<Compatibility> = {}): Compatibility => ({
  ambassador,
  evaluation: { score: 75, parts: [], wishRank: 1, distanceKm: 3 },
  barrier: null,
  placesLeft: 1,
  current: false,
  ...extra,
});

describe("a move shown before the store has saved it (#21)", () => {
  const chloeToYasmine = (state: BoardUi) =>
    pendingMove(state.board!, 1, { student: 3, to: 11, swap: false }, [compatibility(11, { evaluation: { score: 75, parts: [{ points: 75, reason: "métier souhaité n°1 : Data scientist" }], wishRank: 1, distanceKm: 3 } })], PENDING_IDS);

  it("is shown at once as the store will save it, and ends the drag in the same render", () => {
    const dragging = after(loaded(), { type: "dragStart", student: 3 });
    const move = chloeToYasmine(dragging);
    expect(move).not.toBe(null);
    const shown = after(dragging, { type: "moving", move: move!, dropped: 3 });
    const p = shown.board!.pairOfStudent.get(3)!;
    expect(p.pair).toMatchObject({ ambassadorId: 11, status: "proposed", origin: "manual", locked: true });
    expect(p.score).toBe(75);
    expect(p.reasons).toEqual(["métier souhaité n°1 : Data scientist"]);
    // After Bruno's pair (id 101) in Yasmine's row, where the saved pair will be.
    expect(shown.board!.pairsOfAmbassador.get(11)!.map((x) => x.pair.studentId)).toEqual([2, 3]);
    expect(shown.dragged).toBe(null);
    // The store's board is untouched until the store answers.
    expect(shown.confirmed!.pairOfStudent.has(3)).toBe(false);
  });

  it("gives its place to the saved pair when the change comes back, without a second card", () => {
    const state = loaded();
    const move = chloeToYasmine(state)!;
    const saved = after(state, { type: "moving", move }, { type: "changed", change: change(), settles: move.key });
    expect(saved.pending).toEqual([]);
    expect(saved.board!.pairsOfAmbassador.get(11)!.map((x) => x.pair.id)).toEqual([101, 102]);
    expect(saved.board!.pairs.has(move.key)).toBe(false);
    expect(saved.board).toBe(saved.confirmed);
    expect(saved.announce).toBe("Chloé avec Yasmine. Enregistré.");
  });

  it("goes away when the store refuses it: the board is as the store has it", () => {
    const state = loaded();
    const move = chloeToYasmine(state)!;
    const refused = after(state, { type: "moving", move }, { type: "moveFailed", settles: move.key });
    expect(refused.board!.pairOfStudent.has(3)).toBe(false);
    expect(refused.pending).toEqual([]);
  });

  it("stays shown over a change saved meanwhile, and over the board read again", () => {
    const state = loaded();
    const move = chloeToYasmine(state)!;
    const other = change({ label: "Alice retiré(e)", pairs: [], removed: [100], history: { undo: "Alice retiré(e)", redo: null } });
    const meanwhile = after(state, { type: "moving", move }, { type: "changed", change: other });
    expect(meanwhile.board!.pairOfStudent.get(3)!.pair.ambassadorId).toBe(11);
    expect(meanwhile.board!.pairOfStudent.has(1)).toBe(false);
    const read = after(meanwhile, { type: "loaded", board: board() });
    expect(read.board!.pairOfStudent.get(3)!.pair.ambassadorId).toBe(11);
  });

  it("is unpairing shown at once; a move whose result is not known beforehand waits for the store", () => {
    const state = loaded();
    const unpair = pendingMove(state.board!, 1, { student: 2, to: null, swap: false }, undefined, PENDING_IDS);
    expect(after(state, { type: "moving", move: unpair! }).board!.pairOfStudent.has(2)).toBe(false);
    // Not read yet: its score is unknown.
    expect(pendingMove(state.board!, 1, { student: 3, to: 11, swap: false }, undefined, PENDING_IDS)).toBe(null);
    // Against the rules: said as the store says it.
    const against = pendingMove(state.board!, 1, { student: 3, to: 11, swap: false }, [compatibility(11, { evaluation: null, barrier: "trop loin" })], PENDING_IDS);
    expect(against!.pair).toMatchObject({ score: 0, reasons: ["fait à la main hors des règles : trop loin"], wishRank: null, distanceKm: null });
    // Onto a full ambassador, or a swap: the store's answer is shown.
    expect(pendingMove(state.board!, 1, { student: 3, to: 10, swap: false }, [compatibility(10)], PENDING_IDS)).toBe(null);
    expect(pendingMove(state.board!, 1, { student: 3, to: 10, displace: 1, swap: true }, [compatibility(10)], PENDING_IDS)).toBe(null);
    // Nobody to unpair.
    expect(pendingMove(state.board!, 1, { student: 3, to: null, swap: false }, undefined, PENDING_IDS)).toBe(null);
  });
});

describe("the board's reducer", () => {
  it("opens « Affecter à… » for the selected student only, and closes it when another is selected", () => {
    const state = after(loaded(), { type: "assign", open: true });
    expect(state.assigning).toBe(false);
    const open = after(loaded(), { type: "select", student: 3 }, { type: "assign", open: true });
    expect(open.assigning).toBe(true);
    expect(after(open, { type: "select", student: 3 }).assigning).toBe(true);
    expect(after(open, { type: "select", student: 2 }).assigning).toBe(false);
    expect(after(open, { type: "select", student: null }).assigning).toBe(false);
    expect(after(open, { type: "assign", open: false }).assigning).toBe(false);
  });
  it("starts empty, then holds the board read, forgetting what was read for the previous one", () => {
    expect(initialBoardUi.board).toBe(null);
    const read = after(loaded(), { type: "compatibility", student: 3, list: [], asked: 1 }, { type: "diagnoses", diagnoses: new Map([[3, "?"]]), asked: 1 });
    expect(read.compat.size).toBe(1);
    const again = boardReducer(read, { type: "loaded", board: board() });
    expect(again.compat.size).toBe(0);
    expect(again.diagnoses).toBe(null);
  });

  it("applies a saved change in place, announces it, and forgets the stale alternates and diagnoses", () => {
    const before = after(loaded(), { type: "select", student: 3 }, { type: "compatibility", student: 3, list: [compatibility(11)], asked: 1 });
    const next = boardReducer(before, { type: "changed", change: change() });
    expect(next.board?.pairOfStudent.get(3)?.pair.ambassadorId).toBe(11);
    expect(next.board?.history.undo).toBe("Chloé avec Yasmine");
    expect(next.announce).toBe("Chloé avec Yasmine. Enregistré.");
    expect(next.compat.size).toBe(0);
    expect(next.diagnoses).toBe(null);
    expect(next.selected).toBe(3);
    // The state before is untouched (React compares by reference).
    expect(before.board?.pairOfStudent.has(3)).toBe(false);
    expect(before.compat.size).toBe(1);
  });

  it("says when nothing changed", () => {
    expect(boardReducer(loaded(), { type: "changed", change: change({ label: "", pairs: [] }) }).announce).toBe("Rien n'a changé.");
  });

  it("leaves the board as it is when withdrawals changed: it is read again", () => {
    const state = loaded();
    const next = boardReducer(state, { type: "changed", change: change({ withdrawalsChanged: true }) });
    expect(next.board).toBe(state.board);
    expect(next.announce).toBe("Chloé avec Yasmine. Enregistré.");
  });

  it("keeps no alternates nor diagnoses asked before a change: they answer with what was true before it", () => {
    // The student's alternates asked (say, 150 ms after they were selected), then the pair ruled
    // out and saved before the answer came: the answer still has the pair as the current one.
    const selected = after(loaded(), { type: "select", student: 3 });
    const asked = selected.generation;
    const changed = boardReducer(selected, { type: "changed", change: change() });
    const late = after(
      changed,
      { type: "compatibility", student: 3, list: [compatibility(11, { current: true })], asked },
      { type: "diagnoses", diagnoses: new Map([[3, "?"]]), asked },
    );
    expect(late.compat.has(3)).toBe(false);
    expect(late.diagnoses).toBe(null);
    // Asked again after the change: kept.
    const fresh = boardReducer(late, { type: "compatibility", student: 3, list: [compatibility(11)], asked: late.generation });
    expect(fresh.compat.get(3)).toHaveLength(1);
    // A board read again is a change too.
    const reread = boardReducer(selected, { type: "loaded", board: board() });
    expect(boardReducer(reread, { type: "compatibility", student: 3, list: [], asked }).compat.has(3)).toBe(false);
  });

  it("adds a student's compatibility without changing the map before", () => {
    const state = loaded();
    const next = boardReducer(state, { type: "compatibility", student: 3, list: [compatibility(11)], asked: 1 });
    expect(next.compat.get(3)).toHaveLength(1);
    expect(state.compat.size).toBe(0);
  });

  it("follows a drag, and forgets it when it ends", () => {
    const dragging = after(loaded(), { type: "dragStart", student: 3 }, { type: "dragOver", target: { kind: "ambassador", ambassador: 11 } });
    expect(dragging.dragged).toBe(3);
    expect(dragging.over).toEqual({ kind: "ambassador", ambassador: 11 });
    const ended = boardReducer(dragging, { type: "dragEnd" });
    expect(ended.dragged).toBe(null);
    expect(ended.over).toBe(null);
  });

  it("ends a dropped student's drag when their move comes back, not a drag started since", () => {
    const dragging = after(loaded(), { type: "dragStart", student: 3 }, { type: "dragOver", target: { kind: "ambassador", ambassador: 11 } });
    expect(boardReducer(dragging, { type: "dragEnd", student: 3 }).dragged).toBe(null);
    const another = boardReducer(dragging, { type: "dragEnd", student: 4 });
    expect(another.dragged).toBe(3);
    expect(another.over).toEqual({ kind: "ambassador", ambassador: 11 });
  });

  it("keeps the summaries around a suggestion and announces the new one", () => {
    const before = summary(board());
    const next = boardReducer(loaded(), { type: "suggested", before, after: { ...before, placed: 3, unplaced: 0 } });
    expect(next.suggested?.before).toEqual(before);
    expect(next.announce).toBe("Binômes proposés : 3 placés sur 3, 0 sans binôme, 1 avec leur 1er métier souhaité, 10 km en moyenne, 2 places libres.");
  });

  it("after a student's withdrawal, shows who can take their place; after an ambassador's, selects a freed student", () => {
    const student = after(loaded(), { type: "select", student: 1 }, { type: "studentWithdrawn", vacated: 10 });
    expect(student.selected).toBe(null);
    expect(student.vacated).toBe(10);
    const ambassador = after(student, { type: "askWithdrawal", ambassador: 11 }, { type: "ambassadorWithdrawn", select: 2 });
    expect(ambassador.leaving).toBe(11);
    expect(ambassador.selected).toBe(2);
    expect(ambassador.vacated).toBe(null);
    expect(boardReducer(student, { type: "vacated", ambassador: null }).vacated).toBe(null);
  });

  it("keeps the filters, the bulk status, the full drop and the history asked for", () => {
    const full: FullIntent = { kind: "full", student: 3, ambassador: 10, occupants: [1], target: 1, canSwap: false };
    const state = after(
      loaded(),
      { type: "filters", filters: { ...noBoardFilters, query: "alice" } },
      { type: "bulkStatus", status: "notified" },
      { type: "full", intent: full },
      { type: "history", entries: [] },
    );
    expect(state.filters.query).toBe("alice");
    expect(state.bulkStatus).toBe("notified");
    expect(state.full).toBe(full);
    expect(state.history).toEqual([]);
    expect(boardReducer(state, { type: "history", entries: null }).history).toBe(null);
  });
});

describe("what the board draws from its state", () => {
  const over = (student: number, ambassador: number, ...events: BoardEvent[]) =>
    after(loaded(), { type: "dragStart", student }, { type: "dragOver", target: { kind: "ambassador", ambassador } }, ...events);

  it("previews a drop: the current pair, a score, a full ambassador, a barrier, or the score still computing", () => {
    expect(dropPreview(over(1, 10), 10)).toEqual({ text: "binôme actuel", tone: "good" });
    expect(dropPreview(over(3, 11), 11)).toEqual({ text: "calcul…", tone: "warning" });
    const scored = over(3, 11, { type: "compatibility", student: 3, list: [compatibility(11), compatibility(10), compatibility(12, { evaluation: null, barrier: "trop loin" })], asked: 1 });
    expect(dropPreview(scored, 11)).toEqual({ text: "→ 75 points", tone: "good" });
    expect(dropPreview({ ...scored, over: { kind: "ambassador", ambassador: 10 } }, 10)).toEqual({
      text: "→ 75 points — complet : échanger ou remplacer",
      tone: "warning",
    });
    expect(dropPreview({ ...scored, over: { kind: "ambassador", ambassador: 12 } }, 12)).toEqual({ text: "hors des règles : trop loin", tone: "bad" });
    // Only the ambassador under the pointer, during a drag.
    expect(dropPreview(scored, 12)).toBe(null);
    expect(dropPreview(loaded(), 11)).toBe(null);
  });

  it("gives the bulk change the pairs shown with the status filter's status", () => {
    const b = board();
    const rows = filterAmbassadors(b, noBoardFilters);
    expect(shownPairs(b, rows, "").map((p) => p.pair.id)).toEqual([100, 101]);
    expect(shownPairs(b, rows, "proposed").map((p) => p.pair.id)).toEqual([100, 101]);
    expect(shownPairs(b, rows, "validated")).toEqual([]);
    // Statuses of ambassadors ("free", "empty") keep every pair of the rows shown.
    expect(shownPairs(b, filterAmbassadors(b, { ...noBoardFilters, status: "free" }), "free").map((p) => p.pair.id)).toEqual([101]);
    // A level filtered on: only the pairs of students of that level.
    const leveled = boardFrom({ ...data(), students: data().students.map((s) => ({ ...s, level: s.id === 1 ? "Bac+5" : "Bac+3" })) });
    const bac5 = { ...noBoardFilters, level: "Bac+5" };
    expect(shownPairs(leveled, filterAmbassadors(leveled, noBoardFilters), "", bac5).map((p) => p.pair.id)).toEqual([100]);
  });

  it("gives the selection panel its student, what was read for them, and whether the board is busy", () => {
    expect(selectionOf(loaded(), false)).toBe(null);
    const state = after(loaded(), { type: "select", student: 3 });
    expect(selectionOf(state, true)).toMatchObject({ student: 3, compatibility: null, diagnosis: null, busy: true });
    const read = after(state, { type: "compatibility", student: 3, list: [], asked: 1 }, { type: "diagnoses", diagnoses: new Map([[3, "Trop loin."]]), asked: 1 });
    expect(selectionOf(read, false)).toMatchObject({ compatibility: [], diagnosis: "Trop loin.", busy: false });
  });

  it("says first why a student outside the retained states is left out, and holds their drop for a yes", () => {
    const b = { ...board(), excluded: new Map([[3, "dossier « en instruction », hors des états retenus"]]) };
    const state = after(boardReducer(initialBoardUi, { type: "loaded", board: b }), { type: "select", student: 3 });
    expect(selectionOf(state, false)?.diagnosis).toBe("dossier « en instruction », hors des états retenus");
    const ask = { student: 3, target: { kind: "ambassador", ambassador: 11 } as const, question: "L'apparier quand même ?" };
    const asked = after(state, { type: "stateAsk", ask });
    expect(asked.stateAsk).toEqual(ask);
    expect(after(asked, { type: "stateAsk", ask: null }).stateAsk).toBe(null);
  });

  it("reads the diagnoses once, when an unpaired student is selected", () => {
    expect(needsDiagnoses(loaded())).toBe(false);
    expect(needsDiagnoses(after(loaded(), { type: "select", student: 1 }))).toBe(false);
    const unpaired = after(loaded(), { type: "select", student: 3 });
    expect(needsDiagnoses(unpaired)).toBe(true);
    expect(needsDiagnoses(boardReducer(unpaired, { type: "diagnoses", diagnoses: new Map(), asked: 1 }))).toBe(false);
  });

  it("reads the ids of draggables and drop targets", () => {
    expect(studentOf("student-12")).toBe(12);
    expect(studentOf("ambassador-12")).toBe(null);
    expect(studentOf(undefined)).toBe(null);
    expect(targetOf("unpaired")).toEqual({ kind: "unpaired" });
    expect(targetOf("ambassador-7")).toEqual({ kind: "ambassador", ambassador: 7 });
    expect(targetOf("student-7")).toBe(null);
  });

  it("tells screen readers what is dragged where, in French", () => {
    const say = dragAnnouncements(board());
    const active = { id: "student-3" } as Parameters<NonNullable<typeof say.onDragStart>>[0]["active"];
    const onYasmine = { id: "ambassador-11" } as NonNullable<Parameters<typeof say.onDragOver>[0]["over"]>;
    const onList = { id: "unpaired" } as NonNullable<Parameters<typeof say.onDragOver>[0]["over"]>;
    expect(say.onDragStart({ active })).toBe("Chloé ÉLÈVE saisi(e). Flèches pour déplacer, Espace pour déposer, Échap pour annuler.");
    expect(say.onDragOver({ active, over: onYasmine })).toBe("Chloé ÉLÈVE au-dessus de l'ambassadeur Yasmine AGENT.");
    expect(say.onDragEnd({ active, over: onList })).toBe("Chloé ÉLÈVE déposé(e) sur la liste des étudiants sans binôme.");
    expect(say.onDragOver({ active, over: null })).toBe("Chloé ÉLÈVE au-dessus de aucune cible.");
    expect(say.onDragCancel({ active, over: null })).toBe("Déplacement de Chloé ÉLÈVE annulé.");
  });

  it("sums the season up in one sentence", () => {
    expect(summaryText({ students: 3, placed: 2, unplaced: 1, placesLeft: 2, firstWish: 1, averageKm: null, excluded: 0 })).toBe(
      "2 placés sur 3, 1 sans binôme, 1 avec leur 1er métier souhaité, distance inconnue, 2 places libres",
    );
    expect(summaryText({ students: 3, placed: 2, unplaced: 1, placesLeft: 2, firstWish: 1, averageKm: 12, excluded: 64 })).toBe(
      "2 placés sur 3, 1 sans binôme, 64 hors des états retenus, 1 avec leur 1er métier souhaité, 12 km en moyenne, 2 places libres",
    );
  });
});
