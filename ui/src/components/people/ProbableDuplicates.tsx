import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../../api";
import type { Role } from "../../bindings/Role";
import type { StoredDuplicate } from "../../bindings/StoredDuplicate";
import { useAction } from "../../useAction";
import { ErrorAlert } from "../ErrorAlert";

/** The edition's probable duplicates of one role (same name and phone, different e-mails), each
 * to merge — the person chosen is kept, completed with the other's values, the other's pair
 * moved, in the history — or to keep apart, remembered. Nothing shows when there are none. */
export function ProbableDuplicates({
  edition,
  role,
  version,
  onDone,
}: {
  edition: number;
  role: Role;
  /** Read again when it changes (a person saved, merged, removed). */
  version: number;
  onDone: (message: string) => void;
}) {
  const [all, setAll] = useState<StoredDuplicate[] | null>(null);
  const action = useAction();
  const { fail } = action;
  useEffect(() => {
    api.probableDuplicates(edition).then(setAll, fail);
  }, [edition, version, fail]);
  const shown = (all ?? []).filter((d) => d.role === role);
  if (shown.length === 0) return action.error ? <ErrorAlert title="Doublons probables" message={action.error} onClose={action.clearError} /> : null;
  return (
    <section className="fr-callout fr-mb-3w" id="probable-duplicates" aria-labelledby="probable-duplicates-title">
      <h2 className="fr-callout__title fr-h6" id="probable-duplicates-title">
        {shown.length} doublon{shown.length > 1 ? "s" : ""} probable{shown.length > 1 ? "s" : ""} à vérifier
      </h2>
      <p className="fr-text--sm">
        Même nom et même téléphone, mais deux adresses e-mail : la même personne inscrite deux fois, ou deux personnes ? « Fusionner » garde
        la personne choisie, la complète avec ce que l'autre a renseigné et lui donne son binôme (annulable depuis l'onglet Binômes).
      </p>
      <ErrorAlert title="Action impossible" message={action.error} onClose={action.clearError} />
      <ul className="binomes-duplicates" style={{ listStyle: "none", paddingLeft: 0 }}>
        {shown.map((d) => (
          <DuplicateItem
            key={`${d.first.id}-${d.second.id}`}
            duplicate={d}
            busy={action.busy}
            onMerge={async (kept, other) => {
              const saved = await action.run(() => api.mergePeople(edition, d.role, kept, other));
              if (saved) onDone(`${saved.label}. Annulable depuis l'onglet Binômes (« Annuler »).`);
            }}
            onKeepApart={async () => {
              const [a, b] = [d.first, d.second];
              const done = await action.run(() => api.keepApart(edition, d.role, a.id, b.id));
              if (done !== undefined) onDone(`${a.name} (${a.email ?? "sans e-mail"}) et ${b.name} (${b.email ?? "sans e-mail"}) : deux personnes, plus proposées comme doublon.`);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function DuplicateItem({
  duplicate,
  busy,
  onMerge,
  onKeepApart,
}: {
  duplicate: StoredDuplicate;
  busy: boolean;
  onMerge: (kept: number, other: number) => void;
  onKeepApart: () => void;
}) {
  const { first, second } = duplicate;
  // The one with a pair is offered to be kept: their pair stays as it is.
  const [kept, setKept] = useState(second.paired && !first.paired ? second.id : first.id);
  const other = kept === first.id ? second.id : first.id;
  const name = `duplicate-${first.id}-${second.id}`;
  return (
    <li className="binomes-duplicate fr-mb-2w" data-duplicate={`${first.id}-${second.id}`}>
      <fieldset className="fr-fieldset fr-mb-1w">
        <legend className="fr-fieldset__legend fr-text--regular">
          Garder :
        </legend>
        {[first, second].map((p) => (
          <div className="fr-fieldset__element" key={p.id}>
            <div className="fr-radio-group">
              <input type="radio" id={`${name}-${p.id}`} name={name} value={p.id} checked={kept === p.id} onChange={() => setKept(p.id)} />
              <label className="fr-label" htmlFor={`${name}-${p.id}`}>
                {p.name} — {p.email ?? "sans e-mail"}
                <span className="fr-hint-text">
                  {[p.phone, p.details, p.paired ? (duplicate.role === "student" ? "a un binôme" : "accueille un étudiant") : null]
                    .filter((x) => x)
                    .join(" · ")}
                </span>
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <Button size="small" disabled={busy} onClick={() => onMerge(kept, other)} nativeButtonProps={{ "data-action": "merge-duplicate" }}>
          Fusionner
        </Button>
        <Button size="small" priority="secondary" disabled={busy} onClick={onKeepApart} nativeButtonProps={{ "data-action": "keep-apart" }}>
          Ce sont deux personnes
        </Button>
      </div>
    </li>
  );
}
