// The pairing board's state and the decisions it takes without asking the Rust side: what a
// drop means, what a change from the store does to the board, which rows the filters keep, and
// the summary of the season. Pure functions, tested in board.test.ts.
import type { Ambassador } from "./bindings/Ambassador";
import type { BoardChange } from "./bindings/BoardChange";
import type { BoardData } from "./bindings/BoardData";
import type { Compatibility } from "./bindings/Compatibility";
import type { DepartementEntry } from "./bindings/DepartementEntry";
import type { ExplainedPair } from "./bindings/ExplainedPair";
import type { HistoryState } from "./bindings/HistoryState";
import type { Move } from "./bindings/Move";
import type { PairStatus } from "./bindings/PairStatus";
import type { StateChoice } from "./bindings/StateChoice";
import type { Student } from "./bindings/Student";
import { fullName } from "./format";
import { searchKey } from "./people";

export type BoardState = {
  students: Student[];
  studentById: Map<number, Student>;
  ambassadors: Ambassador[];
  ambassadorById: Map<number, Ambassador>;
  /** By pair id. */
  pairs: Map<number, ExplainedPair>;
  /** By student id. */
  pairOfStudent: Map<number, ExplainedPair>;
  /** By ambassador id, in pair id order. */
  pairsOfAmbassador: Map<number, ExplainedPair[]>;
  history: HistoryState;
  departements: Map<string, DepartementEntry>;
  /** People who withdrew: out of the grid, the unpaired list and the counts. */
  withdrawnStudents: Set<number>;
  withdrawnAmbassadors: Set<number>;
  /** Students outside the retained states, with why (the engine's words): kept apart from
   * those without a pair, and a hand pairing of one is confirmed first. */
  excluded: Map<number, string>;
  /** Each application state's French label, by its stored code (the engine's). */
  stateLabels: Map<string, string>;
  /** The states the organiser can retain, in order. */
  stateChoices: StateChoice[];
  /** The codes of the retained states. */
  retainedStates: string[];
};

function indexPairs(pairs: Iterable<ExplainedPair>) {
  const byId = new Map<number, ExplainedPair>();
  const ofStudent = new Map<number, ExplainedPair>();
  const ofAmbassador = new Map<number, ExplainedPair[]>();
  const sorted = [...pairs].sort((a, b) => a.pair.id - b.pair.id);
  for (const p of sorted) {
    byId.set(p.pair.id, p);
    ofStudent.set(p.pair.studentId, p);
    const list = ofAmbassador.get(p.pair.ambassadorId);
    if (list) list.push(p);
    else ofAmbassador.set(p.pair.ambassadorId, [p]);
  }
  return { byId, ofStudent, ofAmbassador };
}

export function boardFrom(data: BoardData): BoardState {
  const { byId, ofStudent, ofAmbassador } = indexPairs(data.pairs);
  return {
    students: data.students,
    studentById: new Map(data.students.map((s) => [s.id, s])),
    ambassadors: data.ambassadors,
    ambassadorById: new Map(data.ambassadors.map((a) => [a.id, a])),
    pairs: byId,
    pairOfStudent: ofStudent,
    pairsOfAmbassador: ofAmbassador,
    history: data.history,
    departements: new Map(data.departements.map((d) => [d.code, d])),
    withdrawnStudents: new Set(data.withdrawals.filter((w) => w.role === "student").map((w) => w.person)),
    withdrawnAmbassadors: new Set(data.withdrawals.filter((w) => w.role === "ambassador").map((w) => w.person)),
    excluded: new Map(data.excluded.map((u) => [u.student, u.diagnosis])),
    stateLabels: new Map(data.states.map((s) => [s.code, s.label])),
    stateChoices: data.states,
    retainedStates: data.retainedStates,
  };
}

/** A student's application state in French (« en instruction »), or null without one. */
export function stateLabel(state: BoardState, student: Student | undefined): string | null {
  const code = student?.applicationState ?? null;
  return code === null ? null : (state.stateLabels.get(code) ?? code);
}

/** The question asked before pairing by hand a student outside the retained states; null when
 * there is nothing to ask (a student taking part, or a drop that pairs nobody). */
export function stateConfirmation(state: BoardState, student: number, target: DropTarget): string | null {
  if (target.kind !== "ambassador" || !state.excluded.has(student)) return null;
  if (state.pairOfStudent.get(student)?.pair.ambassadorId === target.ambassador) return null;
  const label = stateLabel(state, state.studentById.get(student)) ?? "sans état";
  return `Ce dossier est « ${label} », hors des états retenus. L'apparier quand même ?`;
}

/** The board once a change saved in the store is applied: removed pairs go, changed ones replace theirs. */
export function applyChange(state: BoardState, change: BoardChange): BoardState {
  const pairs = new Map(state.pairs);
  for (const id of change.removed) pairs.delete(id);
  for (const p of change.pairs) pairs.set(p.pair.id, p);
  const { byId, ofStudent, ofAmbassador } = indexPairs(pairs.values());
  // An ambassador whose pairs did not change keeps the same list, so that their row (memoised
  // on it) is not drawn again: a change redraws the rows it touched only.
  for (const [id, list] of ofAmbassador) {
    const before = state.pairsOfAmbassador.get(id);
    if (before && before.length === list.length && before.every((p, i) => p === list[i])) ofAmbassador.set(id, before);
  }
  return { ...state, pairs: byId, pairOfStudent: ofStudent, pairsOfAmbassador: ofAmbassador, history: change.history };
}

/** A move shown before the store has saved it (#21: the organiser sees it in the drop's own
 * frame): the student's pair as the store will make it, or none when the move unpairs them. */
export type PendingMove = { key: number; student: number; pair: ExplainedPair | null };

/** Pending pairs' ids: above any stored pair's, so that a pending pair sits where its stored
 * one will (pairs are shown in id order), and in the order the moves were made. */
export const PENDING_IDS = 2 ** 52;

/** The move as the store will save it, when that can be told beforehand: a student unpaired, or
 * paired by hand with an ambassador with a place left (a locked, proposed pair), the student's
 * compatibilities read (its score and reasons, or why it is against the rules, explained as the
 * store explains it). Null for the rest — a swap, a replacement, a student outside the retained
 * states, compatibilities not read yet: those are shown once saved. A pair the organiser ruled
 * out is refused by the store: shown for the time of the round trip, then taken away. */
export function pendingMove(
  state: BoardState,
  edition: number,
  move: Move,
  compatibility: Compatibility[] | undefined,
  key: number,
): PendingMove | null {
  if (move.displace !== undefined || move.swap || state.excluded.has(move.student)) return null;
  if (move.to === null) return state.pairOfStudent.has(move.student) ? { key, student: move.student, pair: null } : null;
  const to = move.to;
  const standing = compatibility?.find((c) => c.ambassador === to);
  const ambassador = state.ambassadorById.get(to);
  if (!standing || !ambassador || placesLeft(state, ambassador) === 0) return null;
  const { evaluation } = standing;
  return {
    key,
    student: move.student,
    pair: {
      pair: {
        id: key,
        editionId: edition,
        studentId: move.student,
        ambassadorId: to,
        status: "proposed",
        origin: "manual",
        locked: true,
        note: null,
        agreedDate: null,
      },
      score: evaluation?.score ?? 0,
      // As `suggest::explain` (src/suggest/explain.rs) words them; the store's answer replaces
      // these a frame later, so a difference would only show for that frame.
      reasons: evaluation ? evaluation.parts.map((p) => p.reason) : [`fait à la main hors des règles : ${standing.barrier ?? ""}`],
      wishRank: evaluation?.wishRank ?? null,
      distanceKm: evaluation?.distanceKm ?? null,
    },
  };
}

/** The board with pending moves shown on it, in the order they were made. */
export function withPendingMoves(state: BoardState, pending: PendingMove[]): BoardState {
  return pending.reduce((board, move) => {
    const current = board.pairOfStudent.get(move.student);
    return applyChange(board, {
      label: "",
      pairs: move.pair ? [move.pair] : [],
      removed: current ? [current.pair.id] : [],
      forbiddenChanged: false,
      withdrawalsChanged: false,
      peopleChanged: false,
      history: board.history,
    });
  }, state);
}

export function placesLeft(state: BoardState, ambassador: Ambassador): number {
  return Math.max(0, ambassador.capacity - (state.pairsOfAmbassador.get(ambassador.id)?.length ?? 0));
}

/** Where something was dropped: on an ambassador (possibly on one of their students), or on the unpaired list. */
export type DropTarget = { kind: "ambassador"; ambassador: number; onStudent?: number } | { kind: "unpaired" };

/** What a drop means. "full" needs the organiser to choose: swap or replace, and whom. */
export type DropIntent =
  | { kind: "nothing" }
  | { kind: "move"; move: Move }
  | { kind: "refused"; reason: string }
  | { kind: "full"; student: number; ambassador: number; occupants: number[]; target: number | null; canSwap: boolean };

export function dropIntent(state: BoardState, student: number, target: DropTarget): DropIntent {
  const current = state.pairOfStudent.get(student);
  if (target.kind === "unpaired") {
    return current ? { kind: "move", move: { student, to: null, swap: false } } : { kind: "nothing" };
  }
  if (current?.pair.ambassadorId === target.ambassador) return { kind: "nothing" };
  const ambassador = state.ambassadorById.get(target.ambassador);
  if (!ambassador) return { kind: "nothing" };
  if (ambassador.capacity === 0) {
    return { kind: "refused", reason: `${personName(ambassador)} n'accueille personne cette année (capacité 0).` };
  }
  if (placesLeft(state, ambassador) > 0) {
    return { kind: "move", move: { student, to: target.ambassador, swap: false } };
  }
  const occupants = (state.pairsOfAmbassador.get(target.ambassador) ?? []).map((p) => p.pair.studentId);
  const onStudent = target.onStudent !== undefined && occupants.includes(target.onStudent) ? target.onStudent : null;
  return {
    kind: "full",
    student,
    ambassador: target.ambassador,
    occupants,
    // With one occupant there is nobody else to choose.
    target: onStudent ?? (occupants.length === 1 ? (occupants[0] ?? null) : null),
    canSwap: current !== undefined,
  };
}

/** The move once the organiser chose, on a full ambassador, whom to displace and how. */
export function displacingMove(intent: Extract<DropIntent, { kind: "full" }>, displaced: number, swap: boolean): Move {
  return { student: intent.student, to: intent.ambassador, displace: displaced, swap: swap && intent.canSwap };
}

export type BoardFilters = {
  query: string;
  region: string;
  departement: string;
  job: string;
  administration: string;
  /** The students' level (« Bac+3 ») and school, as written: the unpaired students of that
   * level or school, and the ambassadors hosting one. */
  level: string;
  school: string;
  status: "" | PairStatus | "empty" | "free";
  /** Keep ambassadors with a pair scoring below this; empty for no limit. */
  scoreBelow: string;
  sort: BoardSort;
};

/** How the grid is ordered: by name, weakest pair first, most free places first, or by département. */
export type BoardSort = "name" | "weakest" | "places" | "departement";

export const noBoardFilters: BoardFilters = {
  query: "",
  region: "",
  departement: "",
  job: "",
  administration: "",
  level: "",
  school: "",
  status: "",
  scoreBelow: "",
  sort: "name",
};

function personText(p: Student | Ambassador): string {
  return [p.identity.firstName, p.identity.lastName, p.identity.email].filter((x) => x).join(" ");
}

/** The ambassadors the filters keep, in the chosen order. The search looks at the ambassador and their students. */
export function filterAmbassadors(state: BoardState, filters: BoardFilters): Ambassador[] {
  return sortAmbassadors(state, keptAmbassadors(state, filters), filters.sort);
}

function sortAmbassadors(state: BoardState, list: Ambassador[], sort: BoardSort): Ambassador[] {
  if (sort === "name") return list;
  // Stable sorts over the name order the store gives.
  const weakest = (a: Ambassador) => Math.min(...(state.pairsOfAmbassador.get(a.id) ?? []).map((p) => p.score), Infinity);
  const key: Record<Exclude<BoardSort, "name">, (a: Ambassador, b: Ambassador) => number> = {
    weakest: (a, b) => weakest(a) - weakest(b),
    places: (a, b) => placesLeft(state, b) - placesLeft(state, a),
    departement: (a, b) => (a.place.departement ?? "~").localeCompare(b.place.departement ?? "~", "fr", { numeric: true }),
  };
  return [...list].sort(key[sort]);
}

/** Whether a student is of the level and the school the filters ask (any without them). */
export function studentMatches(s: Student, filters: BoardFilters): boolean {
  if (filters.level && (s.level ?? "") !== filters.level) return false;
  if (filters.school && (s.school ?? "") !== filters.school) return false;
  return true;
}

/** Whether a pair's student is of the level and the school the filters ask. */
export function pairMatches(state: BoardState, filters: BoardFilters, p: ExplainedPair): boolean {
  if (!filters.level && !filters.school) return true;
  const s = state.studentById.get(p.pair.studentId);
  return s !== undefined && studentMatches(s, filters);
}

function keptAmbassadors(state: BoardState, filters: BoardFilters): Ambassador[] {
  const words = searchKey(filters.query).split(/\s+/).filter((w) => w !== "");
  const below = filters.scoreBelow.trim() === "" ? null : Number(filters.scoreBelow);
  return state.ambassadors.filter((a) => {
    if (state.withdrawnAmbassadors.has(a.id)) return false;
    const dep = a.place.departement;
    if (filters.departement && dep !== filters.departement) return false;
    if (filters.region && (dep === null || state.departements.get(dep)?.region !== filters.region)) return false;
    if (filters.job && (a.job ?? "") !== filters.job) return false;
    if (filters.administration && (a.administration ?? "") !== filters.administration) return false;
    const hosted = state.pairsOfAmbassador.get(a.id) ?? [];
    // A level or a school keeps the ambassadors hosting such a student (as the status does).
    if ((filters.level || filters.school) && !hosted.some((p) => pairMatches(state, filters, p))) return false;
    if (filters.status === "empty" && hosted.length > 0) return false;
    if (filters.status === "free" && placesLeft(state, a) === 0) return false;
    if (filters.status !== "" && filters.status !== "empty" && filters.status !== "free") {
      if (!hosted.some((p) => p.pair.status === filters.status)) return false;
    }
    if (below !== null && !Number.isNaN(below) && !hosted.some((p) => p.score < below)) return false;
    if (words.length > 0) {
      const text = searchKey(
        [personText(a), ...hosted.map((p) => state.studentById.get(p.pair.studentId)).map((s) => (s ? personText(s) : ""))].join(" "),
      );
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

/** Students without a pair, taking part (in a retained state), matching the search (name or
 * e-mail) and the place filters. */
export function unpairedStudents(state: BoardState, filters: BoardFilters): Student[] {
  return waitingStudents(state, filters, false);
}

/** Students without a pair outside the retained states, with the same filters: listed apart. */
export function excludedStudents(state: BoardState, filters: BoardFilters): Student[] {
  return waitingStudents(state, filters, true);
}

function waitingStudents(state: BoardState, filters: BoardFilters, excluded: boolean): Student[] {
  const words = searchKey(filters.query).split(/\s+/).filter((w) => w !== "");
  return state.students.filter((s) => {
    if (state.pairOfStudent.has(s.id) || state.withdrawnStudents.has(s.id)) return false;
    if (state.excluded.has(s.id) !== excluded) return false;
    const dep = s.place.departement;
    if (filters.departement && dep !== filters.departement) return false;
    if (filters.region && (dep === null || state.departements.get(dep)?.region !== filters.region)) return false;
    if (filters.job && !s.wishedJobs.includes(filters.job)) return false;
    if (!studentMatches(s, filters)) return false;
    if (words.length === 0) return true;
    const text = searchKey(personText(s));
    return words.every((w) => text.includes(w));
  });
}

export type BoardSummary = {
  /** Students present and taking part (those outside the retained states without a pair are
   * counted apart, in `excluded`). */
  students: number;
  placed: number;
  unplaced: number;
  placesLeft: number;
  firstWish: number;
  /** Mean distance of the pairs whose distance is known, rounded; null without any. */
  averageKm: number | null;
  /** Students without a pair outside the retained states. */
  excluded: number;
};

export function summary(state: BoardState): BoardSummary {
  let firstWish = 0;
  let km = 0;
  let withKm = 0;
  for (const p of state.pairs.values()) {
    if (p.wishRank === 1) firstWish += 1;
    if (p.distanceKm !== null) {
      km += p.distanceKm;
      withKm += 1;
    }
  }
  const capacity = state.ambassadors.reduce((sum, a) => sum + (state.withdrawnAmbassadors.has(a.id) ? 0 : a.capacity), 0);
  const placed = state.pairs.size;
  let excluded = 0;
  for (const id of state.excluded.keys()) {
    if (!state.pairOfStudent.has(id) && !state.withdrawnStudents.has(id)) excluded += 1;
  }
  const students = state.students.length - state.withdrawnStudents.size - excluded;
  return {
    excluded,
    students,
    placed,
    unplaced: students - placed,
    placesLeft: Math.max(0, capacity - placed),
    firstWish,
    averageKm: withKm === 0 ? null : Math.round(km / withKm),
  };
}

export function personName(person: Student | Ambassador | undefined): string {
  return person ? fullName(person.identity.firstName, person.identity.lastName) : "?";
}

/** Values to offer in a filter's list, sorted, without blanks. */
export function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v.trim() !== ""))].sort((a, b) =>
    a.localeCompare(b, "fr"),
  );
}

/** Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z, Cmd on a Mac), unless the user is typing in a field. */
export function historyShortcut(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}): "undo" | "redo" | null {
  if (!(event.ctrlKey || event.metaKey)) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || target?.isContentEditable) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y") return "redo";
  return null;
}
