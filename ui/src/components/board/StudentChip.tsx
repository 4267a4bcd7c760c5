import { memo } from "react";
import { useDraggable } from "@dnd-kit/core";
import type { ExplainedPair } from "../../bindings/ExplainedPair";
import type { Student } from "../../bindings/Student";
import { personName } from "../../board";

/** The statuses in the workflow's order, then the follow-up after notification (#17). */
export const statusLabel = {
  proposed: "proposé",
  validated: "validé",
  notified: "notifié",
  confirmed: "confirmé",
  done: "réalisé",
  cancelled: "annulé",
  absent: "absent",
} as const;

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
      className={`binomes-chip${selected ? " binomes-chip--selected" : ""}${isDragging ? " binomes-chip--dragging" : ""}${
        pair?.pair.status === "cancelled" || pair?.pair.status === "absent" ? " binomes-chip--off" : ""
      }`}
      data-student={student.id}
      data-rove={`s${student.id}`}
      {...attributes}
      {...listeners}
      // One Tab stop per list, the arrows inside (roving.ts gives 0 to the list's current item;
      // dnd-kit's attributes would make every chip a stop).
      tabIndex={-1}
      aria-pressed={selected}
      onClick={() => onSelect(student.id)}
    >
      <span className="binomes-chip__name">
        {pair?.pair.locked ? <span className="fr-icon-lock-line fr-icon--sm" aria-hidden="true" /> : null}
        {name}
      </span>
      {/* Its name is what it shows (RGAA 7.1, WCAG 2.5.3: a voice command says what is seen),
          with what the eye gets from the icon or the column; the keys are the board's
          instructions, which dnd-kit links to every chip (aria-describedby). */}
      <span className="fr-sr-only">{pair ? (pair.pair.locked ? ", verrouillé," : ",") : ", sans binôme,"}</span>
      {pair ? (
        <span className="binomes-chip__score" title={pair.reasons.join(" ; ")}>
          {pair.score} pts · {statusLabel[pair.pair.status]}
        </span>
      ) : null}
      <span className="binomes-chip__detail">{[wishes, place].filter((x) => x).join(" — ")}</span>
    </button>
  );
});
