import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
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
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { api, toApiError } from "../../api";
import type { BoardChange } from "../../bindings/BoardChange";
import type { Compatibility } from "../../bindings/Compatibility";
import type { HistoryEntry } from "../../bindings/HistoryEntry";
import type { Move } from "../../bindings/Move";
import type { PairEdit } from "../../bindings/PairEdit";
import type { PairStatus } from "../../bindings/PairStatus";
import {
  applyChange,
  boardFrom,
  dropIntent,
  filterAmbassadors,
  historyShortcut,
  noBoardFilters,
  personName,
  placesLeft,
  summary,
  unpairedStudents,
  type BoardFilters,
  type BoardState,
  type BoardSummary,
  type DropIntent,
  type DropTarget,
} from "../../board";
import { ErrorAlert } from "../ErrorAlert";
import { WhyModal, whyModal } from "../WhyModal";
import { AmbassadorRow, type DropPreview } from "./AmbassadorRow";
import { AssignModal, assignModal } from "./AssignModal";
import { BoardFilterBar } from "./BoardFilterBar";
import { FullModal, fullModal } from "./FullModal";
import { HistoryModal, historyModal } from "./HistoryModal";
import { WithdrawModal, withdrawModal } from "./WithdrawModal";
import { ReplacementPanel } from "./ReplacementPanel";
import { SelectionPanel } from "./SelectionPanel";
import { statusLabel } from "./StudentChip";
import { UnpairedList } from "./UnpairedList";
import { boardStart, recordBoardPaint, recordDrop } from "./timings";

const suggestModal = createModal({ id: "suggest-modal", isOpenedByDefault: false });

const studentOf = (id: string | number | undefined): number | null => {
  const match = /^student-(\d+)$/.exec(String(id ?? ""));
  return match ? Number(match[1]) : null;
};

function targetOf(id: string | number | undefined): DropTarget | null {
  if (id === "unpaired") return { kind: "unpaired" };
  const match = /^ambassador-(\d+)$/.exec(String(id ?? ""));
  return match ? { kind: "ambassador", ambassador: Number(match[1]) } : null;
}

// The pointer decides where a pointer drag lands; a keyboard drag has no pointer, so the
// rectangles decide.
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

function summaryText(s: BoardSummary): string {
  const km = s.averageKm === null ? "distance inconnue" : `${s.averageKm} km en moyenne`;
  return `${s.placed} placés sur ${s.students}, ${s.unplaced} sans binôme, ${s.firstWish} avec leur 1er métier souhaité, ${km}, ${s.placesLeft} places libres`;
}

/** The pairing board: the ambassadors with their students, the students without a pair, and
 * every way to change them — drag and drop, keyboard, undo — saved at once. */
export function Board({ edition, version, onChanged }: { edition: number; version: number; onChanged: () => void }) {
  const [board, setBoard] = useState<BoardState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [selected, setSelected] = useState<number | null>(null);
  const [filters, setFilters] = useState<BoardFilters>(noBoardFilters);
  const [compat, setCompat] = useState<Map<number, Compatibility[]>>(new Map());
  const [diagnoses, setDiagnoses] = useState<Map<number, string> | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<DropTarget | null>(null);
  const [full, setFull] = useState<Extract<DropIntent, { kind: "full" }> | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [bulkStatus, setBulkStatus] = useState<PairStatus>("validated");
  const [suggested, setSuggested] = useState<{ before: BoardSummary; after: BoardSummary } | null>(null);
  // An ambassador left alone by a withdrawal, whose replacements are shown.
  const [vacated, setVacated] = useState<number | null>(null);
  const [openedAt] = useState(boardStart);
  const dropAt = useRef<number | null>(null);

  const load = useCallback(
    () =>
      api.loadBoard(edition).then(
        (data) => {
          const loaded = boardFrom(data);
          setBoard(loaded);
          setCompat(new Map());
          setDiagnoses(null);
          return loaded;
        },
        (e) => {
          setError(toApiError(e).message);
          return null;
        },
      ),
    [edition],
  );
  useEffect(() => {
    void load();
  }, [load, version]);

  // First paint of the board, and each change shown after a drop: measured for the benchmark.
  useEffect(() => {
    if (board === null) return;
    recordBoardPaint(performance.now() - openedAt);
    if (dropAt.current !== null) {
      recordDrop(performance.now() - dropAt.current);
      dropAt.current = null;
    }
  }, [board, openedAt]);

  const compatibilityOf = useCallback(
    (student: number) => {
      if (compat.has(student)) return;
      api.compatibility(edition, student).then(
        (list) => setCompat((m) => new Map(m).set(student, list)),
        (e) => setError(toApiError(e).message),
      );
    },
    [compat, edition],
  );
  // After a change the selected student's alternates are read again — a moment later, so that a
  // quick series of moves does not queue behind these reads (30 ms each on a large edition).
  useEffect(() => {
    if (selected === null) return;
    const timer = window.setTimeout(() => compatibilityOf(selected), 150);
    return () => window.clearTimeout(timer);
  }, [selected, compatibilityOf]);
  // The diagnosis of an unpaired student needs the whole edition: read once, when needed.
  useEffect(() => {
    if (selected === null || board === null || board.pairOfStudent.has(selected) || diagnoses !== null) return;
    api.listUnpaired(edition).then(
      (list) => setDiagnoses(new Map(list.map((u) => [u.student, u.diagnosis]))),
      (e) => setError(toApiError(e).message),
    );
  }, [selected, board, diagnoses, edition]);

  // The edition's counts (page header) follow the board a little later, once changes pause:
  // reading them after every single drop would compete with drawing the change.
  const countsTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(countsTimer.current), []);
  const applied = useCallback(
    (change: BoardChange) => {
      // Someone withdrew or came back: the grid and the lists change shape, read them again.
      if (change.withdrawalsChanged) void load();
      else setBoard((b) => (b ? applyChange(b, change) : b));
      setCompat(new Map());
      setDiagnoses(null);
      setAnnounce(change.label === "" ? "Rien n'a changé." : `${change.label}. Enregistré.`);
      window.clearTimeout(countsTimer.current);
      countsTimer.current = window.setTimeout(onChanged, 400);
    },
    [onChanged, load],
  );

  const run = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      const apiError = toApiError(e);
      if (!apiError.cancelled) {
        setError(apiError.message);
        setAnnounce(`Impossible : ${apiError.message}`);
      }
      dropAt.current = null;
    } finally {
      setBusy(false);
    }
  }, []);

  const move = useCallback(
    (m: Move) => {
      // Measured from here (the drop, or the choice in a list) to the change shown.
      dropAt.current = performance.now();
      return run(async () => applied(await api.moveStudent(edition, m)));
    },
    [run, applied, edition],
  );
  const edit = useCallback(
    (pairs: number[], e: PairEdit) => run(async () => applied(await api.editPairs(edition, pairs, e))),
    [run, applied, edition],
  );
  const forbid = useCallback(
    (student: number, ambassador: number) => run(async () => applied(await api.forbidPair(edition, student, ambassador, null))),
    [run, applied, edition],
  );
  const withdraw = useCallback(
    (student: number, reason: string, date: string) =>
      run(async () => {
        const former = board?.pairOfStudent.get(student)?.pair.ambassadorId ?? null;
        applied(await api.withdraw(edition, "student", student, reason.trim() === "" ? null : reason, date));
        setSelected(null);
        setVacated(former);
      }),
    [run, applied, edition, board],
  );
  // The ambassador whose withdrawal is being confirmed.
  const [leaving, setLeaving] = useState<number | null>(null);
  const askWithdrawal = useCallback((ambassador: number) => {
    setLeaving(ambassador);
    withdrawModal.open();
  }, []);
  const withdrawAmbassador = (reason: string, date: string) => {
    if (leaving === null || !board) return;
    const freed = (board.pairsOfAmbassador.get(leaving) ?? []).map((p) => p.pair.studentId);
    void run(async () => {
      applied(await api.withdraw(edition, "ambassador", leaving, reason.trim() === "" ? null : reason, date));
      // Their first student, selected: the alternates are one click away.
      setSelected(freed[0] ?? null);
      setVacated(null);
    });
  };
  const undo = useCallback(() => run(async () => applied(await api.undo(edition))), [run, applied, edition]);
  const redo = useCallback(() => run(async () => applied(await api.redo(edition))), [run, applied, edition]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const what = historyShortcut(event);
      if (what === null || busy || !board) return;
      if (what === "undo" && board.history.undo === null) return;
      if (what === "redo" && board.history.redo === null) return;
      event.preventDefault();
      void (what === "undo" ? undo() : redo());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [board, busy, undo, redo]);

  const drop = useCallback(
    (student: number, target: DropTarget) => {
      if (!board) return;
      const intent = dropIntent(board, student, target);
      if (intent.kind === "move") {
        void move(intent.move);
      } else if (intent.kind === "refused") {
        setError(intent.reason);
        setAnnounce(`Impossible : ${intent.reason}`);
      } else if (intent.kind === "full") {
        setFull(intent);
        fullModal.open();
      }
    },
    [board, move],
  );

  const suggest = () =>
    run(async () => {
      const before = board ? summary(board) : null;
      await api.suggestPairs(edition);
      const after = await load();
      if (before && after) {
        setSuggested({ before, after: summary(after) });
        setAnnounce(`Binômes proposés : ${summaryText(summary(after))}.`);
      }
      onChanged();
    });

  const showHistory = () => {
    setHistory(null);
    historyModal.open();
    api.history(edition).then(setHistory, (e) => setError(toApiError(e).message));
  };

  const rows = useMemo(() => (board ? filterAmbassadors(board, filters) : []), [board, filters]);
  const unpaired = useMemo(() => (board ? unpairedStudents(board, filters) : []), [board, filters]);
  const unpairedTotal = board ? summary(board).unplaced : 0;
  const shownPairs = useMemo(() => {
    if (!board) return [];
    const wanted = filters.status === "proposed" || filters.status === "validated" || filters.status === "notified" ? filters.status : null;
    return rows.flatMap((a) => (board.pairsOfAmbassador.get(a.id) ?? []).filter((p) => wanted === null || p.pair.status === wanted));
  }, [board, rows, filters.status]);

  // The grid scrolls with the window, so that dragging near the window's edge scrolls it
  // (dnd-kit scrolls the dragged item's scrollable ancestors, and the window is everyone's).
  const gridRef = useRef<HTMLDivElement>(null);
  const [gridTop, setGridTop] = useState(0);
  useLayoutEffect(() => {
    if (gridRef.current) setGridTop(gridRef.current.getBoundingClientRect().top + window.scrollY);
  }, [board !== null, filters]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 72,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
    scrollMargin: gridTop,
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Enter selects a student (a click); Space picks them up.
    useSensor(KeyboardSensor, { keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] } }),
  );
  const nameOfTarget = (id: string | number | undefined): string => {
    const target = targetOf(id);
    if (!target || !board) return "aucune cible";
    if (target.kind === "unpaired") return "la liste des étudiants sans binôme";
    return `l'ambassadeur ${personName(board.ambassadorById.get(target.ambassador))}`;
  };
  const nameOfStudent = (id: string | number | undefined) => personName(board?.studentById.get(studentOf(id) ?? -1));
  const announcements: Announcements = {
    onDragStart: ({ active }) => `${nameOfStudent(active.id)} saisi(e). Flèches pour déplacer, Espace pour déposer, Échap pour annuler.`,
    onDragOver: ({ active, over: o }) => `${nameOfStudent(active.id)} au-dessus de ${nameOfTarget(o?.id)}.`,
    onDragEnd: ({ active, over: o }) => `${nameOfStudent(active.id)} déposé(e) sur ${nameOfTarget(o?.id)}.`,
    onDragCancel: ({ active }) => `Déplacement de ${nameOfStudent(active.id)} annulé.`,
  };

  const onDragStart = (event: DragStartEvent) => {
    const student = studentOf(event.active.id);
    setDragged(student);
    if (student !== null) compatibilityOf(student);
  };
  const onDragOver = (event: DragOverEvent) => setOver(targetOf(event.over?.id));
  const onDragEnd = (event: DragEndEvent) => {
    const student = studentOf(event.active.id);
    const target = targetOf(event.over?.id);
    setDragged(null);
    setOver(null);
    if (student !== null && target !== null) drop(student, target);
  };

  const preview = (ambassador: number): DropPreview | null => {
    if (!board || dragged === null || over?.kind !== "ambassador" || over.ambassador !== ambassador) return null;
    const a = board.ambassadorById.get(ambassador);
    if (!a) return null;
    if (board.pairOfStudent.get(dragged)?.pair.ambassadorId === ambassador) return { text: "binôme actuel", tone: "good" };
    const c = compat.get(dragged)?.find((x) => x.ambassador === ambassador);
    const full = placesLeft(board, a) === 0 ? " — complet : échanger ou remplacer" : "";
    if (!c) return { text: `calcul…${full}`, tone: "warning" };
    if (c.evaluation) return { text: `→ ${c.evaluation.score} points${full}`, tone: full ? "warning" : "good" };
    return { text: `hors des règles : ${c.barrier ?? ""}${full}`, tone: "bad" };
  };

  if (!board) {
    return error ? <ErrorAlert title="Tableau illisible" message={error} /> : <p>Chargement du tableau…</p>;
  }
  const now = summary(board);
  const draggedStudent = dragged === null ? undefined : board.studentById.get(dragged);
  const overPreview = over?.kind === "ambassador" ? preview(over.ambassador) : null;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      // Targets are measured all along a drag (not before: that would lay the page out on
      // every render): the side panel is sticky, so it stays put while the window
      // auto-scrolls, which measures taken once at the start would not know.
      measuring={{ droppable: { strategy: MeasuringStrategy.WhileDragging } }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setDragged(null);
        setOver(null);
      }}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "Entrée sélectionne l'étudiant ; Espace le saisit pour le déplacer avec les flèches, Espace le dépose, Échap annule. Le bouton « Affecter à… » du panneau de l'étudiant sélectionné fait de même avec une liste.",
        },
      }}
    >
      <div id="board">
        <ErrorAlert title="Action impossible" message={error} onClose={() => setError(null)} />
        <p role="status" id="board-status" className="fr-sr-only-when-empty binomes-announce">
          {announce}
        </p>
        <div className="binomes-actions fr-mb-2w" id="board-toolbar">
          <Button iconId="fr-icon-team-line" onClick={() => suggestModal.open()} disabled={busy} nativeButtonProps={{ id: "suggest" }}>
            Proposer les binômes
          </Button>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-go-back-line"
            disabled={busy || board.history.undo === null}
            onClick={() => void undo()}
            title={board.history.undo ? `Annuler : ${board.history.undo} (Ctrl+Z)` : "Rien à annuler"}
            nativeButtonProps={{ id: "undo" }}
          >
            Annuler
          </Button>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-go-forward-line"
            disabled={busy || board.history.redo === null}
            onClick={() => void redo()}
            title={board.history.redo ? `Rétablir : ${board.history.redo} (Ctrl+Y)` : "Rien à rétablir"}
            nativeButtonProps={{ id: "redo" }}
          >
            Rétablir
          </Button>
          <Button priority="tertiary" iconId="fr-icon-time-line" onClick={showHistory} nativeButtonProps={{ id: "show-history" }}>
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
        {suggested ? (
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" id="suggest-summary">
            <p>
              Avant la proposition : {summaryText(suggested.before)}.
              <br />
              Après : {summaryText(suggested.after)}.
            </p>
          </div>
        ) : null}
        <BoardFilterBar board={board} filters={filters} onChange={setFilters} />
        <div className="binomes-actions binomes-bulk fr-mb-2w">
          <label className="fr-label" htmlFor="bulk-status">
            Passer les {shownPairs.length} binômes affichés à
          </label>
          <select className="fr-select binomes-bulk__select" id="bulk-status" value={bulkStatus} onChange={(e) => setBulkStatus(e.target.value as PairStatus)}>
            {(Object.keys(statusLabel) as PairStatus[]).map((s) => (
              <option key={s} value={s}>
                {statusLabel[s]}
              </option>
            ))}
          </select>
          <Button
            size="small"
            priority="secondary"
            disabled={busy || shownPairs.length === 0}
            onClick={() => void edit(shownPairs.map((p) => p.pair.id), { status: bulkStatus })}
            nativeButtonProps={{ id: "bulk-apply" }}
          >
            Appliquer
          </Button>
        </div>

        <div className="binomes-board">
          <div className="binomes-board__grid" role="table" aria-label="Ambassadeurs et leurs étudiants" aria-rowcount={rows.length + 1} id="board-grid">
            <div role="row" className="binomes-row binomes-row--head">
              <div role="columnheader" className="binomes-cell binomes-cell--who">
                Ambassadeur ({rows.length === board.ambassadors.length ? rows.length : `${rows.length} sur ${board.ambassadors.length}`})
              </div>
              <div role="columnheader" className="binomes-cell">
                Métier
              </div>
              <div role="columnheader" className="binomes-cell">
                Administration
              </div>
              <div role="columnheader" className="binomes-cell">
                Lieu
              </div>
              <div role="columnheader" className="binomes-cell binomes-number">
                Places
              </div>
              <div role="columnheader" className="binomes-cell binomes-cell--students">
                Étudiant(s) — glissez-les d'un ambassadeur à l'autre
              </div>
            </div>
            <div ref={gridRef} style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {virtualizer.getVirtualItems().map((item) => {
                const a = rows[item.index];
                if (!a) return null;
                return (
                  <div
                    key={a.id}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    aria-rowindex={item.index + 2}
                    style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
                  >
                    <AmbassadorRow
                      ambassador={a}
                      pairs={board.pairsOfAmbassador.get(a.id) ?? []}
                      studentById={board.studentById}
                      selected={selected}
                      onSelect={setSelected}
                      preview={over?.kind === "ambassador" && over.ambassador === a.id ? overPreview : null}
                      onWithdraw={askWithdrawal}
                    />
                  </div>
                );
              })}
            </div>
            {rows.length === 0 ? <p className="fr-p-2w">Aucun ambassadeur ne correspond aux filtres.</p> : null}
          </div>
          <aside className="binomes-board__side" aria-label="Étudiants sans binôme et étudiant sélectionné">
            {vacated !== null ? (
              <ReplacementPanel
                edition={edition}
                board={board}
                ambassador={vacated}
                busy={busy}
                onAssign={(student) => {
                  void move({ student, to: vacated, swap: false });
                  setVacated(null);
                }}
                onClose={() => setVacated(null)}
              />
            ) : null}
            {selected !== null ? (
              <SelectionPanel
                board={board}
                student={selected}
                compatibility={compat.get(selected) ?? null}
                diagnosis={diagnoses?.get(selected) ?? null}
                busy={busy}
                onMove={(m) => void move(m)}
                onEdit={(p, e) => void edit(p, e)}
                onForbid={(s, a) => void forbid(s, a)}
                onAssign={() => assignModal.open()}
                onWhy={() => whyModal.open()}
                onWithdraw={(reason, date) => void withdraw(selected, reason, date)}
                onWriteMessages={(pair) =>
                  void run(async () => {
                    const written = await api.writeMessages(edition, [pair]);
                    setAnnounce(`${written.drafts} brouillon(s) écrit(s) dans ${written.folder} pour ce binôme. Ouvrez-les avec votre messagerie.`);
                  })
                }
                onClose={() => setSelected(null)}
              />
            ) : (
              <p className="fr-text--sm binomes-hint">
                Sélectionnez un étudiant (clic ou Entrée) pour voir ses raisons, ses autres ambassadeurs possibles et l'affecter
                au clavier.
              </p>
            )}
            <UnpairedList students={unpaired} total={unpairedTotal} selected={selected} onSelect={setSelected} dragging={dragged !== null} />
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
      <AssignModal
        board={board}
        student={selected}
        compatibility={selected === null ? null : (compat.get(selected) ?? null)}
        onChoose={(ambassador) => {
          if (selected !== null) drop(selected, { kind: "ambassador", ambassador });
        }}
      />
      <FullModal board={board} intent={full} onMove={(m) => void move(m)} />
      <HistoryModal entries={history} />
      <WithdrawModal name={leaving === null ? "" : personName(board.ambassadorById.get(leaving))} onConfirm={withdrawAmbassador} />
      <WhyModal
        studentName={selected === null ? "" : personName(board.studentById.get(selected))}
        compatibility={selected === null ? null : (compat.get(selected) ?? null)}
        ambassadorById={board.ambassadorById}
      />
      <suggestModal.Component
        title="Proposer les binômes ?"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          { children: "Proposer", onClick: () => void suggest(), nativeButtonProps: { id: "suggest-confirm" } },
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
