// What the board shows besides the pairs themselves — the selected student, the filters, a drag
// under way, what was read for the selected student, the modals' subjects — as one state changed
// by one reducer, and the pure readings of it the board draws. Tested in boardState.test.ts.
// The data (people, pairs) and the decisions on it are in ../../board.ts.
import type { Announcements } from "@dnd-kit/core";
import type { Ambassador } from "../../bindings/Ambassador";
import type { BoardChange } from "../../bindings/BoardChange";
import type { Compatibility } from "../../bindings/Compatibility";
import type { ExplainedPair } from "../../bindings/ExplainedPair";
import type { HistoryEntry } from "../../bindings/HistoryEntry";
import type { PairStatus } from "../../bindings/PairStatus";
import {
  applyChange,
  noBoardFilters,
  pairMatches,
  personName,
  placesLeft,
  type BoardFilters,
  type BoardState,
  type BoardSummary,
  type DropIntent,
  type DropTarget,
  type PendingMove,
  withPendingMoves,
} from "../../board";

/** A drop on a full ambassador, waiting for the organiser to choose: swap or replace. */
export type FullIntent = Extract<DropIntent, { kind: "full" }>;

export type BoardUi = {
  /** What the board shows: the store's board with the pending moves on it. Null until first read. */
  board: BoardState | null;
  /** The board as the store has it (`board` without the pending moves). */
  confirmed: BoardState | null;
  /** Moves shown before the store has saved them, oldest first: each goes when its change comes
   * back (then shown as saved) or fails (then the board is as the store has it). */
  pending: PendingMove[];
  /** The last change or failure, in words, for screen readers. */
  announce: string;
  selected: number | null;
  /** « Affecter à… » open for the selected student (closed when another is selected). */
  assigning: boolean;
  filters: BoardFilters;
  /** Each student's compatibility with every ambassador, read when needed; emptied by a change. */
  compat: Map<number, Compatibility[]>;
  /** How many times the store's data was read or changed under the board: a read of the alternates
   * or the diagnoses asked before a change answers with what was true before it, and is not kept. */
  generation: number;
  /** Why each unpaired student has no pair; read once when needed, dropped by a change. */
  diagnoses: Map<number, string> | null;
  /** The student being dragged, and what they are over. */
  dragged: number | null;
  over: DropTarget | null;
  /** The drop on a full ambassador that `FullModal` asks about. */
  full: FullIntent | null;
  /** The history shown in `HistoryModal`, null while it is read. */
  history: HistoryEntry[] | null;
  /** The status « Appliquer » gives the pairs shown. */
  bulkStatus: PairStatus;
  /** The summaries before and after the last suggestion. */
  suggested: { before: BoardSummary; after: BoardSummary } | null;
  /** An ambassador left alone by a student's withdrawal, whose replacements are shown. */
  vacated: number | null;
  /** The ambassador whose withdrawal is being confirmed. */
  leaving: number | null;
  /** A hand pairing of a student outside the retained states, waiting for the organiser's yes. */
  stateAsk: StateAsk | null;
};

/** A drop held back by a question (`stateConfirmation`). */
export type StateAsk = { student: number; target: DropTarget; question: string };

export const initialBoardUi: BoardUi = {
  board: null,
  confirmed: null,
  pending: [],
  announce: "",
  selected: null,
  assigning: false,
  filters: noBoardFilters,
  compat: new Map(),
  generation: 0,
  diagnoses: null,
  dragged: null,
  over: null,
  full: null,
  history: null,
  bulkStatus: "validated",
  suggested: null,
  vacated: null,
  leaving: null,
  stateAsk: null,
};

export type BoardEvent =
  /** The whole board read (again): what was read for it is stale. */
  | { type: "loaded"; board: BoardState }
  /** A change saved in the store (a move, an edit, undo…). One that changed withdrawals reshapes
   * the board, which is then read again (`loaded`); the others are applied in place. `settles`:
   * the pending move this change is the saving of. */
  | { type: "changed"; change: BoardChange; settles?: number }
  /** A move shown at once, before the store saves it; `dropped`: the student whose drag it ends
   * (the drag's marks go in the same render). */
  | { type: "moving"; move: PendingMove; dropped?: number }
  /** A pending move the store refused: it goes from the board. */
  | { type: "moveFailed"; settles: number }
  /** A read's answer; `asked`: the `generation` it was asked in. */
  | { type: "compatibility"; student: number; list: Compatibility[]; asked: number }
  | { type: "diagnoses"; diagnoses: Map<number, string>; asked: number }
  | { type: "announce"; text: string }
  | { type: "select"; student: number | null }
  | { type: "assign"; open: boolean }
  | { type: "filters"; filters: BoardFilters }
  | { type: "dragStart"; student: number | null }
  | { type: "dragOver"; target: DropTarget | null }
  /** A drag ended, dropped or cancelled; with `student`, only that student's drag (a drop's
   * marks go when its change comes back, and another drag may have started since). */
  | { type: "dragEnd"; student?: number }
  | { type: "full"; intent: FullIntent }
  /** `null`: the history is being read. */
  | { type: "history"; entries: HistoryEntry[] | null }
  | { type: "bulkStatus"; status: PairStatus }
  | { type: "suggested"; before: BoardSummary; after: BoardSummary }
  /** The selected student withdrew: their ambassador, if they had one, has a place to fill. */
  | { type: "studentWithdrawn"; vacated: number | null }
  | { type: "askWithdrawal"; ambassador: number }
  /** An ambassador withdrew: their first freed student is selected. */
  | { type: "ambassadorWithdrawn"; select: number | null }
  | { type: "vacated"; ambassador: number | null }
  /** A drop that needs the organiser's yes, or `null` once answered. */
  | { type: "stateAsk"; ask: StateAsk | null };

/** What screen readers are told of a change saved. */
export function changeAnnouncement(change: BoardChange): string {
  return change.label === "" ? "Rien n'a changé." : `${change.label}. Enregistré.`;
}

export function boardReducer(state: BoardUi, event: BoardEvent): BoardUi {
  switch (event.type) {
    case "loaded":
      return {
        ...state,
        confirmed: event.board,
        board: withPendingMoves(event.board, state.pending),
        compat: new Map(),
        generation: state.generation + 1,
        diagnoses: null,
      };
    case "changed": {
      const { change, settles } = event;
      const confirmed =
        change.withdrawalsChanged || change.peopleChanged || state.confirmed === null ? state.confirmed : applyChange(state.confirmed, change);
      const pending = settles === undefined ? state.pending : state.pending.filter((m) => m.key !== settles);
      const board = confirmed === null ? state.board : withPendingMoves(confirmed, pending);
      return {
        ...state,
        board,
        confirmed,
        pending,
        compat: new Map(),
        generation: state.generation + 1,
        diagnoses: null,
        announce: changeAnnouncement(change),
      };
    }
    case "moving": {
      if (state.board === null) return state;
      const dragEnds = event.dropped !== undefined && event.dropped === state.dragged;
      return {
        ...state,
        board: withPendingMoves(state.board, [event.move]),
        pending: [...state.pending, event.move],
        ...(dragEnds ? { dragged: null, over: null } : {}),
      };
    }
    case "moveFailed": {
      const pending = state.pending.filter((m) => m.key !== event.settles);
      return { ...state, pending, board: state.confirmed === null ? state.board : withPendingMoves(state.confirmed, pending) };
    }
    case "compatibility":
      if (event.asked !== state.generation) return state;
      return { ...state, compat: new Map(state.compat).set(event.student, event.list) };
    case "diagnoses":
      if (event.asked !== state.generation) return state;
      return { ...state, diagnoses: event.diagnoses };
    case "announce":
      return { ...state, announce: event.text };
    case "select":
      return { ...state, selected: event.student, assigning: state.assigning && event.student === state.selected };
    case "assign":
      return { ...state, assigning: event.open && state.selected !== null };
    case "filters":
      return { ...state, filters: event.filters };
    case "dragStart":
      return { ...state, dragged: event.student };
    case "dragOver":
      return { ...state, over: event.target };
    case "dragEnd":
      return event.student === undefined || event.student === state.dragged ? { ...state, dragged: null, over: null } : state;
    case "full":
      return { ...state, full: event.intent };
    case "history":
      return { ...state, history: event.entries };
    case "bulkStatus":
      return { ...state, bulkStatus: event.status };
    case "suggested":
      return {
        ...state,
        suggested: { before: event.before, after: event.after },
        announce: `Binômes proposés : ${summaryText(event.after)}.`,
      };
    case "studentWithdrawn":
      return { ...state, selected: null, vacated: event.vacated };
    case "askWithdrawal":
      return { ...state, leaving: event.ambassador };
    case "ambassadorWithdrawn":
      return { ...state, selected: event.select, vacated: null };
    case "vacated":
      return { ...state, vacated: event.ambassador };
    case "stateAsk":
      return { ...state, stateAsk: event.ask };
  }
}

/** The season in one sentence: the board's summary line. */
export function summaryText(s: BoardSummary): string {
  const km = s.averageKm === null ? "distance inconnue" : `${s.averageKm} km en moyenne`;
  const apart = s.excluded > 0 ? `, ${s.excluded} hors des états retenus` : "";
  return `${s.placed} placés sur ${s.students}, ${s.unplaced} sans binôme${apart}, ${s.firstWish} avec leur 1er métier souhaité, ${km}, ${s.placesLeft} places libres`;
}

/** What dropping the dragged student on an ambassador would give, shown before the drop. */
export type DropPreview = { text: string; tone: "good" | "warning" | "bad" };

/** The preview of the drop under way on `ambassador`, if the dragged student is over them. */
export function dropPreview(state: BoardUi, ambassador: number): DropPreview | null {
  const { board, dragged, over } = state;
  if (!board || dragged === null || over?.kind !== "ambassador" || over.ambassador !== ambassador) return null;
  const a = board.ambassadorById.get(ambassador);
  if (!a) return null;
  if (board.pairOfStudent.get(dragged)?.pair.ambassadorId === ambassador) return { text: "binôme actuel", tone: "good" };
  const c = state.compat.get(dragged)?.find((x) => x.ambassador === ambassador);
  const full = placesLeft(board, a) === 0 ? " — complet : échanger ou remplacer" : "";
  if (!c) return { text: `calcul…${full}`, tone: "warning" };
  if (c.evaluation) return { text: `→ ${c.evaluation.score} points${full}`, tone: full ? "warning" : "good" };
  return { text: `hors des règles : ${c.barrier ?? ""}${full}`, tone: "bad" };
}

/** The pairs of the rows shown with the status filter's status (all of them without one), and
 * with a student of the level and school filtered on, when given: what the bulk status change
 * applies to. */
export function shownPairs(board: BoardState, rows: Ambassador[], status: BoardFilters["status"], filters?: BoardFilters): ExplainedPair[] {
  const wanted = status === "" || status === "empty" || status === "free" ? null : status;
  return rows.flatMap((a) =>
    (board.pairsOfAmbassador.get(a.id) ?? []).filter((p) => (wanted === null || p.pair.status === wanted) && (!filters || pairMatches(board, filters, p))),
  );
}

/** What the selected student's panel shows: null without a selection or a board. */
export type Selection = {
  board: BoardState;
  student: number;
  /** Null while it is read. */
  compatibility: Compatibility[] | null;
  /** Why they have no pair; null while it is read (or when they have one). */
  diagnosis: string | null;
  busy: boolean;
};

export function selectionOf(state: BoardUi, busy: boolean): Selection | null {
  const { board, selected } = state;
  if (board === null || selected === null) return null;
  return {
    board,
    student: selected,
    compatibility: state.compat.get(selected) ?? null,
    // Outside the retained states: the board already knows why, and says it first.
    diagnosis: board.excluded.get(selected) ?? state.diagnoses?.get(selected) ?? null,
    busy,
  };
}

/** Whether the diagnoses must be read: an unpaired student is selected and they are not read yet. */
export function needsDiagnoses(state: BoardUi): boolean {
  const { board, selected } = state;
  return selected !== null && board !== null && !board.pairOfStudent.has(selected) && state.diagnoses === null;
}

/** The student a draggable's id names (`student-12`), if it names one. */
export function studentOf(id: string | number | undefined): number | null {
  const match = /^student-(\d+)$/.exec(String(id ?? ""));
  return match ? Number(match[1]) : null;
}

/** The target a droppable's id names: `unpaired`, or `ambassador-7`. */
export function targetOf(id: string | number | undefined): DropTarget | null {
  if (id === "unpaired") return { kind: "unpaired" };
  const match = /^ambassador-(\d+)$/.exec(String(id ?? ""));
  return match ? { kind: "ambassador", ambassador: Number(match[1]) } : null;
}

/** What screen readers hear of a drag (dnd-kit's live region), in French. */
export function dragAnnouncements(board: BoardState | null): Announcements {
  const nameOfTarget = (id: string | number | undefined): string => {
    const target = targetOf(id);
    if (!target || !board) return "aucune cible";
    if (target.kind === "unpaired") return "la liste des étudiants sans binôme";
    return `l'ambassadeur ${personName(board.ambassadorById.get(target.ambassador))}`;
  };
  const nameOfStudent = (id: string | number | undefined) => personName(board?.studentById.get(studentOf(id) ?? -1));
  return {
    onDragStart: ({ active }) => `${nameOfStudent(active.id)} saisi(e). Flèches pour déplacer, Espace pour déposer, Échap pour annuler.`,
    onDragOver: ({ active, over }) => `${nameOfStudent(active.id)} au-dessus de ${nameOfTarget(over?.id)}.`,
    onDragEnd: ({ active, over }) => `${nameOfStudent(active.id)} déposé(e) sur ${nameOfTarget(over?.id)}.`,
    onDragCancel: ({ active }) => `Déplacement de ${nameOfStudent(active.id)} annulé.`,
  };
}
