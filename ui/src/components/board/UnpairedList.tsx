import { useRef } from "react";
import { useDroppable } from "@dnd-kit/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Student } from "../../bindings/Student";
import { useRovingFocus } from "./roving";
import { StudentChip } from "./StudentChip";

/** The students without a pair: dragged from here onto ambassadors, and dropped back here to unpair. */
export function UnpairedList({
  students,
  total,
  selected,
  onSelect,
  dragging,
}: {
  students: Student[];
  total: number;
  selected: number | null;
  onSelect: (student: number) => void;
  dragging: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: "unpaired" });
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: students.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    // Sizes are remembered by student, not by position: the list changes under them.
    getItemKey: (index) => students[index]?.id ?? index,
    overscan: 8,
  });
  // One Tab stop, the arrows inside; Home and End scroll to the first or last student first.
  useRovingFocus(scroller, {
    reveal: (edge) => {
      if (students.length > 0) virtualizer.scrollToIndex(edge === "first" ? 0 : students.length - 1);
    },
    revealed: (edge) => {
      const index = edge === "first" ? 0 : students.length - 1;
      return scroller.current?.querySelector(`[data-index="${index}"] [data-rove]`) != null;
    },
  });
  return (
    <section
      ref={setNodeRef}
      id="unpaired-list"
      aria-labelledby="unpaired-title"
      className={`binomes-unpaired${isOver ? " binomes-unpaired--over" : ""}`}
    >
      <h2 id="unpaired-title" className="fr-h6 fr-mb-1w">
        Sans binôme ({students.length === total ? total : `${students.length} sur ${total}`})
      </h2>
      {dragging ? <p className="fr-text--sm fr-mb-1w">Déposez ici pour retirer l'étudiant de son binôme.</p> : null}
      <div ref={scroller} className="binomes-unpaired__scroll">
        {students.length === 0 ? (
          <p className="fr-text--sm">Aucun étudiant sans binôme{total > 0 ? " parmi ceux affichés" : ""}.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const student = students[item.index];
              if (!student) return null;
              return (
                <div
                  key={student.id}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` }}
                >
                  <StudentChip student={student} pair={undefined} selected={selected === student.id} onSelect={onSelect} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
