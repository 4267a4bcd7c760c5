import { useLayoutEffect, useRef, useState } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import type { Ambassador } from "../../bindings/Ambassador";
import type { BoardFilters, BoardState } from "../../board";
import { AmbassadorRow } from "./AmbassadorRow";
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
    estimateSize: () => 72,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
    scrollMargin: gridTop,
  });

  return (
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
