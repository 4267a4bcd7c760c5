import { useEffect, useMemo, useRef, useState } from "react";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
} from "@dnd-kit/core";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "../../modal";
import type { PairStatus } from "../../bindings/PairStatus";
import { excludedStudents, filterAmbassadors, personName, summary, unpairedStudents } from "../../board";
import { ErrorAlert } from "../ErrorAlert";
import { WhyModal } from "../WhyModal";
import { AssignPanel } from "./AssignPanel";
import { BoardFilterBar } from "./BoardFilterBar";
import { BoardGrid } from "./BoardGrid";
import { dragAnnouncements, dropPreview, selectionOf, shownPairs, studentOf, summaryText } from "./boardState";
import { FullModal } from "./FullModal";
import { HistoryModal } from "./HistoryModal";
import { WithdrawModal } from "./WithdrawModal";
import { ReplacementPanel } from "./ReplacementPanel";
import { ExcludedList } from "./ExcludedList";
import { StateModal } from "./StateModal";
import { SelectionPanel } from "./SelectionPanel";
import { statusLabel } from "./StudentChip";
import { UnpairedList } from "./UnpairedList";
import { useBoard } from "./useBoard";

const suggestModal = createModal({ id: "suggest-modal", isOpenedByDefault: false });

// The pointer decides where a pointer drag lands; a keyboard drag has no pointer, so the
// rectangles decide.
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

/** The pairing board: the ambassadors with their students, the students without a pair, and
 * every way to change them — drag and drop, keyboard, undo — saved at once. Its state and
 * actions are in useBoard.ts. */
export function Board({
  edition,
  version,
  onChanged,
  onRulesChanged,
}: {
  edition: number;
  version: number;
  onChanged: () => void;
  onRulesChanged?: () => void;
}) {
  const { state, busy, error, actions } = useBoard(edition, version, onChanged, onRulesChanged);
  const { board, filters, selected, dragged, over, compat } = state;

  const rows = useMemo(() => (board ? filterAmbassadors(board, filters) : []), [board, filters]);
  const unpaired = useMemo(() => (board ? unpairedStudents(board, filters) : []), [board, filters]);
  const excluded = useMemo(() => (board ? excludedStudents(board, filters) : []), [board, filters]);
  const bulkPairs = useMemo(() => (board ? shownPairs(board, rows, filters.status, filters) : []), [board, rows, filters]);
  // A change to every pair shown is asked again, saying how many people it touches (#18): one
  // click validated 147 pairs. The question closes when what it counts changes.
  const [confirmingBulk, setConfirmingBulk] = useState(false);
  const bulkConfirm = useRef<HTMLButtonElement>(null);
  useEffect(() => setConfirmingBulk(false), [bulkPairs, state.bulkStatus]);
  useEffect(() => {
    if (confirmingBulk) bulkConfirm.current?.focus();
  }, [confirmingBulk]);
  const bulkAmbassadors = useMemo(() => new Set(bulkPairs.map((p) => p.pair.ambassadorId)).size, [bulkPairs]);
  // Where the focus goes after « Affecter à… » (#18: it fell to the bottom of the page when its
  // list closed): to the next student without a pair, so that the next assignment is Enter,
  // Enter, Enter; else, once the pair is made, to the new pair in the selection panel.
  const focusNewPair = useRef<number | null>(null);
  useEffect(() => {
    const student = focusNewPair.current;
    if (student === null || !board?.pairOfStudent.has(student)) return;
    focusNewPair.current = null;
    document.getElementById("selected-pair")?.focus();
  }, [board]);
  // After a drop, the student's card is drawn again where they landed (a new node): the focus
  // that was on the card (a keyboard drag) would fall to the page; it follows the card (or, when
  // the filters hide their new row, goes to the next student without a pair).
  const focusDropped = useRef<{ student: number; until: number } | null>(null);
  // Asked at each change of the board for a few seconds after the drop: the change that moves the
  // card may not be the first one drawn.
  useEffect(() => {
    const dropped = focusDropped.current;
    if (dropped === null || !board) return;
    const attempt = () => {
      if (focusDropped.current !== dropped) return;
      if (performance.now() > dropped.until) {
        focusDropped.current = null;
        return;
      }
      const lost = !document.activeElement || document.activeElement === document.body;
      if (!lost) return;
      // Their card, else (their new row hidden by the filters) the next student without a pair
      // — the list's Tab stop, which it marks once it has seen the card go: a frame later then.
      const card =
        document.querySelector<HTMLElement>(`#board [data-student="${dropped.student}"]`) ??
        document.querySelector<HTMLElement>('#unpaired-list [data-rove][tabindex="0"]');
      if (!card) {
        requestAnimationFrame(attempt);
        return;
      }
      focusDropped.current = null;
      card.focus({ preventScroll: true });
    };
    attempt();
  }, [board]);
  const afterAssign = (student: number) => {
    const at = unpaired.findIndex((s) => s.id === student);
    const next = at < 0 ? undefined : (unpaired[at + 1] ?? unpaired[at - 1]);
    const chip = next ? document.querySelector<HTMLElement>(`#unpaired-list [data-student="${next.id}"]`) : null;
    if (chip) {
      chip.focus();
      chip.scrollIntoView({ block: "nearest" });
    } else focusNewPair.current = student;
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Enter selects a student (a click); Space picks them up.
    useSensor(KeyboardSensor, { keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] } }),
  );

  if (!board) {
    return error ? <ErrorAlert title="Tableau illisible" message={error} /> : <p>Chargement du tableau…</p>;
  }
  const now = summary(board);
  const draggedStudent = dragged === null ? undefined : board.studentById.get(dragged);
  const overPreview = over?.kind === "ambassador" ? dropPreview(state, over.ambassador) : null;
  const selection = selectionOf(state, busy);
  const compatibility = selected === null ? null : (compat.get(selected) ?? null);

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      // Targets are measured all along a drag (not before: that would lay the page out on
      // every render): the side panel is sticky, so it stays put while the window
      // auto-scrolls, which measures taken once at the start would not know.
      measuring={{ droppable: { strategy: MeasuringStrategy.WhileDragging } }}
      onDragStart={(event) => actions.dragStart(event.active.id)}
      onDragOver={(event) => actions.dragOver(event.over?.id)}
      onDragEnd={(event) => {
        const student = studentOf(event.active.id);
        if (student !== null) focusDropped.current = { student, until: performance.now() + 5_000 };
        actions.dragEnd(event.active.id, event.over?.id);
      }}
      onDragCancel={actions.dragCancel}
      accessibility={{
        announcements: dragAnnouncements(board),
        screenReaderInstructions: {
          draggable:
            "Entrée sélectionne l'étudiant ; Espace le saisit pour le déplacer avec les flèches, Espace le dépose, Échap annule. Le bouton « Affecter à… » du panneau de l'étudiant sélectionné fait de même avec une liste.",
        },
      }}
    >
      <div id="board">
        <ErrorAlert title="Action impossible" message={error} onClose={actions.clearError} />
        <p role="status" id="board-status" className="fr-sr-only-when-empty binomes-announce">
          {state.announce}
        </p>
        <div className="binomes-actions fr-mb-2w" id="board-toolbar">
          <Button iconId="fr-icon-team-line" onClick={() => suggestModal.open()} disabled={busy} nativeButtonProps={{ id: "suggest" }}>
            Proposer les binômes
          </Button>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-go-back-line"
            disabled={busy || board.history.undo === null}
            onClick={actions.undo}
            title={board.history.undo ? `Annuler : ${board.history.undo} (Ctrl+Z)` : "Rien à annuler"}
            nativeButtonProps={{ id: "undo" }}
          >
            Annuler
          </Button>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-go-forward-line"
            disabled={busy || board.history.redo === null}
            onClick={actions.redo}
            title={board.history.redo ? `Rétablir : ${board.history.redo} (Ctrl+Y)` : "Rien à rétablir"}
            nativeButtonProps={{ id: "redo" }}
          >
            Rétablir
          </Button>
          <Button priority="tertiary" iconId="fr-icon-time-line" onClick={actions.showHistory} nativeButtonProps={{ id: "show-history" }}>
            Historique…
          </Button>
        </div>
        <p className="fr-text--sm fr-mb-1w" id="board-summary">
          <strong>{summaryText(now)}</strong>
          {board.withdrawnStudents.size + board.withdrawnAmbassadors.size > 0 ? (
            <span id="board-withdrawals">
              {" "}
              · Retraits : {board.withdrawnStudents.size} étudiant(s), {board.withdrawnAmbassadors.size} ambassadeur(s)
            </span>
          ) : null}
          {board.history.undo ? <span className="binomes-last"> · Dernier changement : {board.history.undo}</span> : null}
        </p>
        {state.suggested ? (
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" id="suggest-summary">
            <p>
              Avant la proposition : {summaryText(state.suggested.before)}.
              <br />
              Après : {summaryText(state.suggested.after)}.
            </p>
          </div>
        ) : null}
        <BoardFilterBar board={board} filters={filters} onChange={actions.setFilters} />
        <div className="binomes-actions binomes-bulk fr-mb-2w">
          <label className="fr-label" htmlFor="bulk-status">
            Passer les {bulkPairs.length} binômes affichés à
          </label>
          <select
            className="fr-select binomes-bulk__select"
            id="bulk-status"
            value={state.bulkStatus}
            onChange={(e) => actions.setBulkStatus(e.target.value as PairStatus)}
          >
            {(Object.keys(statusLabel) as PairStatus[]).map((s) => (
              <option key={s} value={s}>
                {statusLabel[s]}
              </option>
            ))}
          </select>
          <Button
            size="small"
            priority="secondary"
            disabled={busy || bulkPairs.length === 0 || confirmingBulk}
            onClick={() => setConfirmingBulk(true)}
            nativeButtonProps={{ id: "bulk-apply", "aria-expanded": confirmingBulk, "aria-controls": "bulk-confirm" }}
          >
            Appliquer…
          </Button>
        </div>
        {confirmingBulk ? (
          <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" id="bulk-confirm" role="group" aria-labelledby="bulk-question">
            <p id="bulk-question">
              Passer {bulkPairs.length} binôme(s) à « {statusLabel[state.bulkStatus]} » ? Cela concerne {bulkPairs.length} étudiant(s) et{" "}
              {bulkAmbassadors} ambassadeur(s). Vous pourrez l'annuler (Ctrl+Z).
            </p>
            <div className="binomes-actions fr-mt-1w">
              <Button
                size="small"
                disabled={busy}
                onClick={() => {
                  setConfirmingBulk(false);
                  actions.edit(bulkPairs.map((p) => p.pair.id), { status: state.bulkStatus });
                }}
                ref={bulkConfirm}
                nativeButtonProps={{ id: "bulk-confirm-yes" }}
              >
                Passer les {bulkPairs.length} binômes à « {statusLabel[state.bulkStatus]} »
              </Button>
              <Button
                size="small"
                priority="secondary"
                onClick={() => {
                  setConfirmingBulk(false);
                  document.getElementById("bulk-apply")?.focus();
                }}
                nativeButtonProps={{ id: "bulk-confirm-no" }}
              >
                Annuler
              </Button>
            </div>
          </div>
        ) : null}

        <div className="binomes-board">
          <BoardGrid
            board={board}
            rows={rows}
            filters={filters}
            selected={selected}
            preview={over?.kind === "ambassador" ? { ambassador: over.ambassador, preview: overPreview } : null}
            actions={actions}
          />
          <aside className="binomes-board__side" aria-label="Étudiants sans binôme et étudiant sélectionné">
            {state.vacated !== null ? (
              <ReplacementPanel edition={edition} board={board} ambassador={state.vacated} busy={busy} actions={actions} />
            ) : null}
            {selection !== null ? (
              <SelectionPanel selection={selection} actions={actions} />
            ) : (
              <p className="fr-text--sm binomes-hint">
                Sélectionnez un étudiant (clic ou Entrée) pour voir ses raisons, ses autres ambassadeurs possibles et l'affecter
                au clavier.
              </p>
            )}
            <UnpairedList students={unpaired} total={now.unplaced} selected={selected} onSelect={actions.select} dragging={dragged !== null} />
            <ExcludedList
              board={board}
              students={excluded}
              total={now.excluded}
              selected={selected}
              onSelect={actions.select}
              busy={busy}
              onRetain={actions.setRetainedStates}
            />
          </aside>
        </div>
      </div>
      <DragOverlay dropAnimation={null}>
        {draggedStudent ? (
          <div className="binomes-chip binomes-chip--overlay" id="drag-overlay">
            <span className="binomes-chip__name">{personName(draggedStudent)}</span>
            {overPreview ? <span className="binomes-chip__score">{overPreview.text}</span> : null}
          </div>
        ) : null}
      </DragOverlay>
      <AssignPanel
        board={board}
        student={selected}
        compatibility={compatibility}
        open={state.assigning}
        onChoose={(ambassador) => {
          if (selected === null) return;
          // The move first, the panel closed in the same render, then the focus to the next
          // student without a pair.
          actions.drop(selected, { kind: "ambassador", ambassador });
          actions.closeAssign();
          afterAssign(selected);
        }}
        onClose={(refocus) => {
          actions.closeAssign();
          if (refocus) document.getElementById("assign")?.focus();
        }}
      />
      <FullModal board={board} intent={state.full} onMove={actions.move} />
      <HistoryModal entries={state.history} />
      <WithdrawModal name={state.leaving === null ? "" : personName(board.ambassadorById.get(state.leaving))} onConfirm={actions.withdrawAmbassador} />
      <StateModal question={state.stateAsk?.question ?? null} onConfirm={actions.confirmStateDrop} />
      <WhyModal
        edition={edition}
        student={selected}
        studentName={selected === null ? "" : personName(board.studentById.get(selected))}
        exclusion={selected === null ? null : (board.excluded.get(selected) ?? null)}
        compatibility={compatibility}
        ambassadorById={board.ambassadorById}
      />
      <suggestModal.Component
        title="Proposer les binômes ?"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          { children: "Proposer", onClick: actions.suggest, nativeButtonProps: { id: "suggest-confirm" } },
        ]}
      >
        <p>
          Les binômes verrouillés (dont ceux faits à la main), validés ou notifiés sont gardés. Les autres binômes proposés
          sont remplacés par le meilleur appariement possible : d'abord placer le plus d'étudiants, puis les meilleurs
          binômes. Une sauvegarde de la base est faite avant, et « Annuler » revient en arrière.
        </p>
        <p className="fr-text--sm">Aujourd'hui : {summaryText(now)}.</p>
      </suggestModal.Component>
    </DndContext>
  );
}
