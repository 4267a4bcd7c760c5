import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../../api";
import type { Candidate } from "../../bindings/Candidate";
import { personName, type BoardState } from "../../board";
import { useAction } from "../../useAction";
import type { BoardActions } from "./useBoard";

/** A place freed by a withdrawal: the students without a pair who could take it, best first,
 * each one click away. */
export function ReplacementPanel({
  edition,
  board,
  ambassador,
  busy,
  actions,
}: {
  edition: number;
  board: BoardState;
  ambassador: number;
  busy: boolean;
  actions: BoardActions;
}) {
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const { error, fail } = useAction();
  useEffect(() => {
    setCandidates(null);
    api.replacementCandidates(edition, ambassador).then(setCandidates, fail);
  }, [edition, ambassador, fail]);
  const name = personName(board.ambassadorById.get(ambassador));
  return (
    <section id="replacements" aria-labelledby="replacements-title" className="binomes-selection fr-p-2w">
      <div className="binomes-selection__head">
        <h2 id="replacements-title" className="fr-h6 fr-mb-1w">
          Place libérée chez {name}
        </h2>
        <Button size="small" priority="tertiary no outline" iconId="fr-icon-close-line" title="Fermer" onClick={actions.closeVacated} />
      </div>
      {error ? <p className="fr-error-text">{error}</p> : null}
      {candidates === null ? (
        <p className="fr-text--sm">Recherche des remplaçants…</p>
      ) : candidates.length === 0 ? (
        <p className="fr-text--sm">
          Aucun étudiant sans binôme ne peut aller chez {name} selon les règles : la place reste libre (la prochaine
          proposition la remplira si possible).
        </p>
      ) : (
        <>
          <p className="fr-text--sm">Étudiants sans binôme qui pourraient prendre la place, du meilleur au moins bon :</p>
          <ol className="fr-text--sm binomes-alternates" id="candidates">
            {candidates.map((c) => (
              <li key={c.student}>
                <span title={c.reasons.join(" ; ")}>
                  {personName(board.studentById.get(c.student))} : <strong>{c.score} pts</strong>
                </span>
                <Button
                  size="small"
                  priority="tertiary no outline"
                  disabled={busy}
                  onClick={() => actions.fillVacated(c.student)}
                  nativeButtonProps={{ "data-candidate": String(c.student) }}
                >
                  Affecter
                </Button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
