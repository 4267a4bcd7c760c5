import { memo } from "react";
import { useDroppable } from "@dnd-kit/core";
import type { Ambassador } from "../../bindings/Ambassador";
import type { ExplainedPair } from "../../bindings/ExplainedPair";
import type { Student } from "../../bindings/Student";
import { personName } from "../../board";
import type { DropPreview } from "./boardState";
import { StudentChip } from "./StudentChip";

/** One ambassador of the grid with the students paired to them; a drop target. */
export const AmbassadorRow = memo(function AmbassadorRow({
  ambassador,
  pairs,
  studentById,
  selected,
  onSelect,
  preview,
  onWithdraw,
  rowIndex,
}: {
  /** Its place in the whole grid (ARIA), the header being row 1: the grid shows only some rows. */
  rowIndex?: number;
  ambassador: Ambassador;
  pairs: ExplainedPair[];
  studentById: Map<number, Student>;
  selected: number | null;
  onSelect: (student: number) => void;
  preview: DropPreview | null;
  onWithdraw: (ambassador: number) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `ambassador-${ambassador.id}`, data: { ambassador: ambassador.id } });
  const place = [ambassador.place.commune, ambassador.place.departement ? `(${ambassador.place.departement})` : null]
    .filter((x) => x)
    .join(" ");
  const full = pairs.length >= ambassador.capacity;
  return (
    <div
      ref={setNodeRef}
      role="row"
      // On the row itself: axe-core (#18) found it on the virtualiser's wrapper, where ARIA
      // does not allow it.
      aria-rowindex={rowIndex}
      className={`binomes-row${isOver ? " binomes-row--over" : ""}`}
      data-ambassador={ambassador.id}
      data-ambassador-name={personName(ambassador)}
    >
      <div role="cell" className="binomes-cell binomes-cell--who">
        <strong>{personName(ambassador)}</strong>
        <span className="fr-text--xs">{ambassador.jobTitle ?? ""}</span>
        <button
          type="button"
          className="binomes-link-button fr-text--xs"
          data-withdraw-ambassador={ambassador.id}
          data-rove={`w${ambassador.id}`}
          tabIndex={-1}
          aria-label={`Signaler le retrait de ${personName(ambassador)}`}
          onClick={() => onWithdraw(ambassador.id)}
        >
          Retrait…
        </button>
      </div>
      <div role="cell" className="binomes-cell">
        {ambassador.job ?? "—"}
      </div>
      <div role="cell" className="binomes-cell">
        {ambassador.administration ?? "—"}
        {ambassador.structureType ? <span className="fr-text--xs">{ambassador.structureType}</span> : null}
      </div>
      <div role="cell" className="binomes-cell">
        {place || "—"}
      </div>
      <div role="cell" className={`binomes-cell binomes-number${full ? " binomes-full" : ""}`}>
        {pairs.length}/{ambassador.capacity}
      </div>
      <div role="cell" className="binomes-cell binomes-cell--students">
        {pairs.map((p) => {
          const student = studentById.get(p.pair.studentId);
          // Keyed by student: a move shown before it is saved keeps its card (and its focus)
          // when the saved pair, with its own id, takes its place.
          return student ? (
            <StudentChip key={p.pair.studentId} student={student} pair={p} selected={selected === student.id} onSelect={onSelect} />
          ) : null;
        })}
        {isOver && preview ? (
          <span className={`binomes-drop binomes-drop--${preview.tone}`} role="presentation" data-drop-preview>
            {preview.text}
          </span>
        ) : pairs.length === 0 ? (
          <span className="binomes-empty">{ambassador.capacity === 0 ? "indisponible" : "libre"}</span>
        ) : null}
      </div>
    </div>
  );
});
