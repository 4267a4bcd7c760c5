import { memo } from "react";
import { useDraggable } from "@dnd-kit/core";
import type { ExplainedPair } from "../../bindings/ExplainedPair";
import type { Student } from "../../bindings/Student";
import { personName } from "../../board";

export const statusLabel = { proposed: "proposé", validated: "validé", notified: "notifié" } as const;

/** A student on the board: picked up with the pointer (or Space), selected with a click (or Enter). */
export const StudentChip = memo(function StudentChip({
  student,
  pair,
  selected,
  onSelect,
}: {
  student: Student;
  pair: ExplainedPair | undefined;
  selected: boolean;
  onSelect: (student: number) => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `student-${student.id}`,
    data: { student: student.id },
  });
  const name = personName(student);
  const wishes = student.wishedJobs.join(", ");
  const place = [student.place.commune, student.place.departement ? `(${student.place.departement})` : null]
    .filter((x) => x)
    .join(" ");
  return (
    <button
      ref={setNodeRef}
      type="button"
      className={`binomes-chip${selected ? " binomes-chip--selected" : ""}${isDragging ? " binomes-chip--dragging" : ""}`}
      data-student={student.id}
      aria-label={`${name}${pair ? `, ${pair.score} points, ${statusLabel[pair.pair.status]}${pair.pair.locked ? ", verrouillé" : ""}` : ", sans binôme"}. Entrée pour sélectionner, Espace pour déplacer.`}
      {...attributes}
      {...listeners}
      aria-pressed={selected}
      onClick={() => onSelect(student.id)}
    >
      <span className="binomes-chip__name">
        {pair?.pair.locked ? <span className="fr-icon-lock-line fr-icon--sm" aria-hidden="true" /> : null}
        {name}
      </span>
      {pair ? (
        <span className="binomes-chip__score" title={pair.reasons.join(" ; ")}>
          {pair.score} pts · {statusLabel[pair.pair.status]}
        </span>
      ) : null}
      <span className="binomes-chip__detail">{[wishes, place].filter((x) => x).join(" — ")}</span>
    </button>
  );
});
