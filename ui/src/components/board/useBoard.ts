import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from "react";
import { api } from "../../api";
import type { BoardChange } from "../../bindings/BoardChange";
import type { Move } from "../../bindings/Move";
import type { PairEdit } from "../../bindings/PairEdit";
import type { PairStatus } from "../../bindings/PairStatus";
import {
  applyChange,
  boardFrom,
  dropIntent,
  historyShortcut,
  pendingMove,
  PENDING_IDS,
  stateConfirmation,
  summary,
  type BoardFilters,
  type BoardState,
  type DropTarget,
} from "../../board";
import { afterNextFrame } from "../../frames";
import { useAction } from "../../useAction";
import { whyModal } from "../WhyModal";
import { boardReducer, initialBoardUi, needsDiagnoses, studentOf, targetOf, type BoardUi } from "./boardState";
import { fullModal } from "./FullModal";
import { historyModal } from "./HistoryModal";
import { stateModal } from "./StateModal";
import { boardStart, MEASURING, moveStarted, recordBoardPaint, recordConfirmed, recordDrop, recordSaved } from "./timings";
import { withdrawModal } from "./WithdrawModal";

/** Everything the organiser can do on the board, each saved at once. One object, made once per
 * board: its functions keep their identity, read the board as it is when called, and report
 * failures in the board's error alert (and to screen readers). */
export type BoardActions = {
  /** Reads the whole board again, once the changes on their way are saved (those made meanwhile wait for it). */
  load: () => Promise<BoardState | null>;
  select: (student: number | null) => void;
  setFilters: (filters: BoardFilters) => void;
  setBulkStatus: (status: PairStatus) => void;
  /** Pairs, unpairs, swaps or replaces: measured from here to the change shown (benchmark). */
  move: (move: Move) => void;
  /** What a drop (or a choice in « Affecter à… ») means: a move, a refusal, or the full modal;
   * for a student outside the retained states, a question first. */
  drop: (student: number, target: DropTarget) => void;
  /** The organiser said yes to pairing a student outside the retained states. */
  confirmStateDrop: () => void;
  /** Retains these application states (the edition's rules), and reads the board again. */
  setRetainedStates: (codes: string[]) => void;
  edit: (pairs: number[], edit: PairEdit) => void;
  forbid: (student: number, ambassador: number) => void;
  withdrawStudent: (student: number, reason: string, date: string) => void;
  /** Opens the confirmation of an ambassador's withdrawal. */
  askWithdrawal: (ambassador: number) => void;
  withdrawAmbassador: (reason: string, date: string) => void;
  /** Gives the place freed by a withdrawal to this student. */
  fillVacated: (student: number) => void;
  closeVacated: () => void;
  undo: () => void;
  redo: () => void;
  suggest: () => void;
  showHistory: () => void;
  /** « Affecter à… » opened or closed. */
  openAssign: () => void;
  closeAssign: () => void;
  openWhy: () => void;
  /** Writes the message drafts of one pair. */
  writePairMessages: (pair: number) => void;
  /** Reads a student's compatibility with every ambassador, unless already read. */
  compatibilityOf: (student: number) => void;
  dragStart: (id: string | number) => void;
  dragOver: (id: string | number | undefined) => void;
  dragEnd: (active: string | number, over: string | number | undefined) => void;
  dragCancel: () => void;
  clearError: () => void;
};

/** The board of an edition: its state (boardState.ts), the reads it needs, and its actions.
 * `version` changing reads it again; `onChanged` is told, a moment after changes pause, that
 * the edition's counts may have changed. */
export function useBoard(
  edition: number,
  version: number,
  onChanged: () => void,
  /** The rules were changed from the board (the retained states): whoever shows them reads them again. */
  onRulesChanged: () => void = () => {},
): { state: BoardUi; busy: boolean; error: string | null; actions: BoardActions } {
  const [state, dispatch] = useReducer(boardReducer, initialBoardUi);
  const [openedAt] = useState(boardStart);
  // When the move being measured started (benchmark build only); when the one shown before it
  // was saved started, once its change has come back.
  const dropAt = useRef<number | null>(null);
  const confirmedAt = useRef<number | null>(null);
  // The next pending move's key (its pair's id while pending), and the stored pair each pending
  // pair became: an edit asked for a pair while it was shown pending (its status, its lock, in
  // the selection panel or « Appliquer ») reaches the store after the move, on the stored pair.
  const nextPending = useRef(PENDING_IDS);
  const savedAs = useRef(new Map<number, number>());
  const { busy, error, run, attempt, fail, showError, clearError } = useAction((e) => {
    if (!e.cancelled) dispatch({ type: "announce", text: `Impossible : ${e.message}` });
    dropAt.current = null;
  });

  // The last change sent to the store: the next one waits for it.
  const changes = useRef<Promise<unknown>>(Promise.resolve());
  /** How many changes are made or waiting their turn. */
  const changesOnTheirWay = useRef(0);
  // The actions read the state and the props as they are when called.
  const latest = useRef({ state, busy, edition, onChanged, onRulesChanged });
  useLayoutEffect(() => {
    latest.current = { state, busy, edition, onChanged, onRulesChanged };
  });
  // The edition's counts (page header) follow the board a little later, once changes pause:
  // reading them after every single drop would compete with drawing the change.
  const countsTimer = useRef<number | undefined>(undefined);
  // Leaving the board before then (another tab at once after « Annuler ») still tells the page:
  // what was undone may be a person, whom the lists must read again.
  useEffect(
    () => () => {
      if (countsTimer.current === undefined) return;
      window.clearTimeout(countsTimer.current);
      latest.current.onChanged();
    },
    [],
  );

  const actions = useMemo((): BoardActions => {
    const current = () => latest.current.state;
    const board = () => latest.current.state.board;
    const editionId = () => latest.current.edition;
    const load = (): Promise<BoardState | null> =>
      api.loadBoard(editionId()).then(
        (data) => {
          const loaded = boardFrom(data);
          dispatch({ type: "loaded", board: loaded });
          return loaded;
        },
        (e) => {
          fail(e);
          return null;
        },
      );
    // Changes reach the store in the order they were made: each waits for the one before.
    // With none on its way, a change starts at once: its command is sent before the rest of the
    // click's work (« Affecter à… » closing, the focus moved on), and the store saves it meanwhile.
    const inOrder = <T,>(work: () => Promise<T>): Promise<T> => {
      const idle = changesOnTheirWay.current === 0;
      changesOnTheirWay.current += 1;
      const started = idle ? new Promise<T>((resolve) => resolve(work())) : changes.current.then(work);
      const next = started.finally(() => {
        changesOnTheirWay.current -= 1;
      });
      changes.current = next.catch(() => undefined);
      return next;
    };
    const applied = (change: BoardChange, settles?: number) => {
      // Someone withdrew, came back, or was added, changed or removed by hand: read again, in
      // the changes' order — a move made while the board is read waits for the read, or the
      // board read before it would replace it on screen (and under the next changes).
      if (change.withdrawalsChanged || change.peopleChanged) void inOrder(load);
      dispatch({ type: "changed", change, settles });
      window.clearTimeout(countsTimer.current);
      countsTimer.current = window.setTimeout(() => {
        countsTimer.current = undefined;
        latest.current.onChanged();
      }, 400);
    };
    // A longer change (« Proposer », a withdrawal, the retained states): the buttons wait for it,
    // and it reaches the store after any move still on its way.
    const ordered = (work: () => Promise<void>) => run(() => inOrder(work));
    const change = (work: () => Promise<BoardChange>) => ordered(async () => applied(await work()));
    // A move, an undo or a redo takes a few milliseconds: it does not turn the board's buttons
    // off and on again meanwhile (each time the whole board drawn again, before the change came
    // back and after: a third of a move's time, #21); a click meanwhile waits its turn.
    const quickChange = (work: () => Promise<BoardChange>, settles?: number) =>
      attempt(() => inOrder(async () => applied(await work(), settles)));
    /** `dropped`: the student whose drag this move ends — the drag's marks (the dragged card, the
     * target's highlight) go in the move's own render, not in one of their own before it. */
    const move = (m: Move, dropped: number | null = null) => {
      // Measured from here (the drop, or the choice in a list) to the move shown.
      const started = moveStarted();
      dropAt.current = started;
      // Shown at once when the store's answer can be told beforehand (most moves): the store's
      // round trip and the drawing of its answer are no longer waited for (#21). The store still
      // decides: its answer replaces what was shown, its refusal takes it away.
      const b = board();
      const pending = b === null ? null : pendingMove(b, editionId(), m, current().compat.get(m.student), nextPending.current);
      if (pending !== null) {
        nextPending.current += 1;
        dispatch({ type: "moving", move: pending, dropped: dropped ?? undefined });
      }
      const endDrag = () => {
        if (dropped !== null && pending === null) dispatch({ type: "dragEnd", student: dropped });
      };
      return quickChange(
        () =>
          api.moveStudent(editionId(), m).then(
            async (saved) => {
              recordSaved(started);
              endDrag();
              if (pending === null) return saved;
              const stored = saved.pairs.find((p) => p.pair.studentId === m.student);
              if (stored) savedAs.current.set(pending.key, stored.pair.id);
              // The move shown is painted first: the store's answer, back within the same frame,
              // would otherwise be drawn before it and the organiser would wait for both.
              await new Promise<void>((resolve) => afterNextFrame(resolve));
              confirmedAt.current = started;
              return saved;
            },
            (e: unknown) => {
              endDrag();
              if (pending !== null) dispatch({ type: "moveFailed", settles: pending.key });
              throw e;
            },
          ),
        pending?.key,
      );
    };
    const undo = () => quickChange(() => api.undo(editionId()));
    const redo = () => quickChange(() => api.redo(editionId()));
    /** `dragged`: the drop ends a drag of this student (else a choice in a list). */
    const drop = (student: number, target: DropTarget, confirmed = false, dragged = false) => {
      const b = board();
      const question = b === null || confirmed ? null : stateConfirmation(b, student, target);
      const intent = b === null || question !== null ? null : dropIntent(b, student, target);
      // A drag's marks go now, unless the drop is a move: then with its change.
      if (dragged && intent?.kind !== "move") dispatch({ type: "dragEnd" });
      if (question !== null) {
        dispatch({ type: "stateAsk", ask: { student, target, question } });
        stateModal.open();
        return;
      }
      if (intent === null) return;
      if (intent.kind === "move") {
        void move(intent.move, dragged ? student : null);
      } else if (intent.kind === "refused") {
        showError(intent.reason);
        dispatch({ type: "announce", text: `Impossible : ${intent.reason}` });
      } else if (intent.kind === "full") {
        dispatch({ type: "full", intent });
        fullModal.open();
      }
    };
    const compatibilityOf = (student: number) => {
      if (current().compat.has(student)) return;
      const asked = current().generation;
      api.compatibility(editionId(), student).then((list) => dispatch({ type: "compatibility", student, list, asked }), fail);
    };
    const withdrawalReason = (reason: string) => (reason.trim() === "" ? null : reason);

    return {
      load: () => inOrder(load),
      select: (student) => dispatch({ type: "select", student }),
      setFilters: (filters) => dispatch({ type: "filters", filters }),
      setBulkStatus: (status) => dispatch({ type: "bulkStatus", status }),
      move: (m) => void move(m),
      drop: (student, target) => drop(student, target),
      confirmStateDrop: () => {
        const ask = current().stateAsk;
        dispatch({ type: "stateAsk", ask: null });
        if (ask) drop(ask.student, ask.target, true);
      },
      setRetainedStates: (codes) =>
        void ordered(async () => {
          const view = await api.getRules(editionId());
          await api.setRules(editionId(), { ...view.rules, acceptedStates: codes });
          await load();
          dispatch({ type: "announce", text: "États retenus enregistrés : le tableau est à jour." });
          latest.current.onRulesChanged();
          latest.current.onChanged();
        }),
      edit: (pairs, e) =>
        void change(() =>
          api.editPairs(
            editionId(),
            pairs.map((id) => (id >= PENDING_IDS ? (savedAs.current.get(id) ?? id) : id)),
            e,
          ),
        ),
      forbid: (student, ambassador) => void change(() => api.forbidPair(editionId(), student, ambassador, null)),
      withdrawStudent: (student, reason, date) =>
        void ordered(async () => {
          const former = board()?.pairOfStudent.get(student)?.pair.ambassadorId ?? null;
          applied(await api.withdraw(editionId(), "student", student, withdrawalReason(reason), date));
          dispatch({ type: "studentWithdrawn", vacated: former });
        }),
      askWithdrawal: (ambassador) => {
        dispatch({ type: "askWithdrawal", ambassador });
        withdrawModal.open();
      },
      withdrawAmbassador: (reason, date) => {
        const { leaving, board: b } = current();
        if (leaving === null || !b) return;
        const freed = (b.pairsOfAmbassador.get(leaving) ?? []).map((p) => p.pair.studentId);
        void ordered(async () => {
          applied(await api.withdraw(editionId(), "ambassador", leaving, withdrawalReason(reason), date));
          // Their first student, selected: the alternates are one click away.
          dispatch({ type: "ambassadorWithdrawn", select: freed[0] ?? null });
        });
      },
      fillVacated: (student) => {
        const { vacated } = current();
        void move({ student, to: vacated, swap: false });
        dispatch({ type: "vacated", ambassador: null });
      },
      closeVacated: () => dispatch({ type: "vacated", ambassador: null }),
      undo: () => void undo(),
      redo: () => void redo(),
      suggest: () =>
        void ordered(async () => {
          // The suggestion answers with what changed on the board, applied as a move's is (the
          // whole board read again was most of « Proposer »'s time, #21).
          const b = board();
          const change = await api.suggestPairs(editionId());
          applied(change);
          if (b && !change.withdrawalsChanged && !change.peopleChanged) {
            dispatch({ type: "suggested", before: summary(b), after: summary(applyChange(b, change)) });
          }
        }),
      showHistory: () => {
        dispatch({ type: "history", entries: null });
        historyModal.open();
        api.history(editionId()).then((entries) => dispatch({ type: "history", entries }), fail);
      },
      openAssign: () => dispatch({ type: "assign", open: true }),
      closeAssign: () => dispatch({ type: "assign", open: false }),
      openWhy: () => whyModal.open(),
      writePairMessages: (pair) =>
        void run(async () => {
          const written = await api.writeMessages(editionId(), [pair]);
          dispatch({
            type: "announce",
            text: `${written.drafts} brouillon(s) écrit(s) dans ${written.folder} pour ce binôme. Ouvrez-les avec votre messagerie.`,
          });
        }),
      compatibilityOf,
      dragStart: (id) => {
        const student = studentOf(id);
        dispatch({ type: "dragStart", student });
        if (student !== null) compatibilityOf(student);
      },
      dragOver: (id) => dispatch({ type: "dragOver", target: targetOf(id) }),
      dragEnd: (id, over) => {
        const student = studentOf(id);
        const target = targetOf(over);
        if (student !== null && target !== null) drop(student, target, false, true);
        else dispatch({ type: "dragEnd" });
      },
      dragCancel: () => dispatch({ type: "dragEnd" }),
      clearError,
    };
  }, [run, attempt, fail, showError, clearError]);

  useEffect(() => {
    void actions.load();
  }, [actions, edition, version]);

  // First paint of the board, each move shown, and each move shown before it was saved shown
  // again as saved: measured for the benchmark (in its build only), from the commit (a layout
  // effect) to the end of the frame after it.
  useLayoutEffect(() => {
    if (!MEASURING || state.board === null) return;
    recordBoardPaint(openedAt);
    if (dropAt.current !== null) {
      recordDrop(dropAt.current);
      dropAt.current = null;
    } else if (confirmedAt.current !== null) {
      recordConfirmed(confirmedAt.current);
      confirmedAt.current = null;
    }
  }, [state.board, openedAt]);

  // After a change the selected student's alternates are read again — a moment later, so that a
  // quick series of moves does not queue behind these reads (30 ms each on a large edition).
  const { selected, compat } = state;
  useEffect(() => {
    if (selected === null) return;
    const timer = window.setTimeout(() => actions.compatibilityOf(selected), 150);
    return () => window.clearTimeout(timer);
  }, [selected, compat, edition, actions]);
  // The diagnosis of an unpaired student needs the whole edition: read once, when needed — and,
  // as the alternates, a moment after a change, not between two quick moves (a move then waited
  // for this read of the whole edition: most of a move's slowest times, #21).
  const diagnosesNeeded = needsDiagnoses(state);
  useEffect(() => {
    if (!diagnosesNeeded) return;
    const timer = window.setTimeout(() => {
      const asked = latest.current.state.generation;
      api
        .listUnpaired(edition)
        .then((list) => dispatch({ type: "diagnoses", diagnoses: new Map(list.map((u) => [u.student, u.diagnosis])), asked }), fail);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [diagnosesNeeded, selected, state.board, state.diagnoses, edition, fail]);

  // Ctrl+Z / Ctrl+Y, unless busy or there is nothing to undo or redo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const what = historyShortcut(event);
      const b = latest.current.state.board;
      if (what === null || latest.current.busy || !b) return;
      if (what === "undo" && b.history.undo === null) return;
      if (what === "redo" && b.history.redo === null) return;
      event.preventDefault();
      if (what === "undo") actions.undo();
      else actions.redo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [actions]);

  return { state, busy, error, actions };
}
