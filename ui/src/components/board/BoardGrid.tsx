import { useLayoutEffect, useRef, useState } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import type { Ambassador } from "../../bindings/Ambassador";
import type { BoardFilters, BoardState } from "../../board";
import { AmbassadorRow } from "./AmbassadorRow";
import { useRovingFocus } from "./roving";
import type { DropPreview } from "./boardState";
import type { BoardActions } from "./useBoard";

/** The ambassadors the filters keep, each with their students: a virtual grid that scrolls with
 * the window, so that dragging near the window's edge scrolls it (dnd-kit scrolls the dragged
 * item's scrollable ancestors, and the window is everyone's). */
export function BoardGrid({
  board,
  rows,
  filters,
  selected,
  preview,
  actions,
}: {
  board: BoardState;
  rows: Ambassador[];
  filters: BoardFilters;
  selected: number | null;
  /** The ambassador the dragged student is over, and what dropping there would give. */
  preview: { ambassador: number; preview: DropPreview | null } | null;
  actions: BoardActions;
}) {
  const gridRef = useRef<HTMLDivElement>(null);
  const [gridTop, setGridTop] = useState(0);
  useLayoutEffect(() => {
    if (gridRef.current) setGridTop(gridRef.current.getBoundingClientRect().top + window.scrollY);
  }, [filters]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    // Near what a row measures (a student's card is ~120 px high, stacked in their column): rows
    // estimated too small grew once drawn and pushed what is below the board ~2,000 px down
    // under the pointer after a scroll to it (#18).
    estimateSize: (index) => 16 + 120 * Math.max(1, board.pairsOfAmbassador.get(rows[index]?.id ?? -1)?.length ?? 0),
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
    scrollMargin: gridTop,
  });

  // One Tab stop for the whole grid, the arrows from one student (or « Retrait… ») to the next;
  // Home and End bring the first or last ambassador into the page first.
  const table = useRef<HTMLDivElement>(null);
  useRovingFocus(table, {
    reveal: (edge) => {
      if (rows.length > 0) virtualizer.scrollToIndex(edge === "first" ? 0 : rows.length - 1, { align: edge === "first" ? "start" : "end" });
    },
    revealed: (edge) => {
      const index = edge === "first" ? 0 : rows.length - 1;
      return table.current?.querySelector(`[data-index="${index}"] [data-rove]`) != null;
    },
  });

  return (
    <div ref={table} className="binomes-board__grid" role="table" aria-label="Ambassadeurs et leurs étudiants" aria-rowcount={rows.length + 1} id="board-grid">
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
              style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
            >
              <AmbassadorRow
                rowIndex={item.index + 2}
                ambassador={a}
                pairs={board.pairsOfAmbassador.get(a.id) ?? []}
                studentById={board.studentById}
                selected={selected}
                onSelect={actions.select}
                preview={preview?.ambassador === a.id ? preview.preview : null}
                onWithdraw={actions.askWithdrawal}
              />
            </div>
          );
        })}
      </div>
      {rows.length === 0 ? <p className="fr-p-2w">Aucun ambassadeur ne correspond aux filtres.</p> : null}
    </div>
  );
}
