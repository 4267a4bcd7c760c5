import { useEffect, useRef, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Student } from "../../bindings/Student";
import { stateLabel, type BoardState } from "../../board";
import { useRovingFocus } from "./roving";
import { StudentChip } from "./StudentChip";

/** How many chips are drawn at once: the list is not virtual (it is folded by default). */
const SHOWN = 200;

/** The students without a pair whose application is outside the retained states: apart from
 * those without a pair, folded, with their count and the retained states changed in one click. */
export function ExcludedList({
  board,
  students,
  total,
  selected,
  onSelect,
  busy,
  onRetain,
}: {
  board: BoardState;
  students: Student[];
  total: number;
  selected: number | null;
  onSelect: (student: number) => void;
  busy: boolean;
  onRetain: (codes: string[]) => void;
}) {
  const [retained, setRetained] = useState<string[]>(board.retainedStates);
  // Its cards are drawn only while it is unfolded: folded (as it opens), hundreds of hidden
  // draggable cards were drawn again at every move on the board (#21).
  const [open, setOpen] = useState(false);
  // One Tab stop for the list, the arrows inside.
  const list = useRef<HTMLUListElement>(null);
  useRovingFocus(list, {});
  useEffect(() => setRetained(board.retainedStates), [board.retainedStates]);
  const changed = retained.length !== board.retainedStates.length || retained.some((c) => !board.retainedStates.includes(c));
  // An edition whose files have no application state has nothing to keep apart.
  if (total === 0 && !board.students.some((s) => s.applicationState !== null)) return null;
  return (
    <details className="binomes-excluded" id="excluded-list" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="fr-text--bold" id="excluded-title">
        Hors des états retenus ({students.length === total ? total : `${students.length} sur ${total}`})
      </summary>
      <fieldset className="fr-fieldset fr-mt-1w fr-mb-1w" id="retained-states">
        <legend className="fr-fieldset__legend--regular fr-text--sm">États de dossier retenus pour l'appariement</legend>
        {board.stateChoices.map((choice) => (
          <div className="fr-fieldset__element fr-fieldset__element--inline" key={choice.code}>
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input
                type="checkbox"
                id={`retain-${choice.code}`}
                checked={retained.includes(choice.code)}
                onChange={(e) =>
                  setRetained(e.target.checked ? [...retained, choice.code] : retained.filter((c) => c !== choice.code))
                }
              />
              <label className="fr-label" htmlFor={`retain-${choice.code}`}>
                {choice.label}
              </label>
            </div>
          </div>
        ))}
        <div className="fr-fieldset__element">
          <Button
            size="small"
            priority="secondary"
            disabled={busy || !changed}
            onClick={() => onRetain(retained)}
            nativeButtonProps={{ id: "retain-apply" }}
          >
            Retenir ces états
          </Button>
        </div>
      </fieldset>
      {!open ? null : students.length === 0 ? (
        <p className="fr-text--sm">Aucun étudiant hors des états retenus{total > 0 ? " parmi ceux affichés" : ""}.</p>
      ) : (
        <ul ref={list} className="binomes-excluded__list">
          {students.slice(0, SHOWN).map((student) => (
            <li key={student.id} data-state={stateLabel(board, student) ?? ""}>
              <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--warning fr-mb-1v">
                {stateLabel(board, student) ?? "sans état"}
              </span>
              <StudentChip student={student} pair={undefined} selected={selected === student.id} onSelect={onSelect} />
            </li>
          ))}
          {students.length > SHOWN ? <li className="fr-text--sm">… et {students.length - SHOWN} autres (affinez la recherche).</li> : null}
        </ul>
      )}
    </details>
  );
}
