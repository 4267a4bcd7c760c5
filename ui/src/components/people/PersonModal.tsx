import { useEffect, useState } from "react";
import { createModal } from "../../modal";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../../api";
import type { PersonForm } from "../../bindings/PersonForm";
import type { PersonSaved } from "../../bindings/PersonSaved";
import type { Role } from "../../bindings/Role";
import { useAction } from "../../useAction";
import { ErrorAlert } from "../ErrorAlert";
import { TableFrame } from "../TableFrame";

export const personModal = createModal({ id: "person-modal", isOpenedByDefault: false });
export const eraseModal = createModal({ id: "erase-person-modal", isOpenedByDefault: false });

/** Who the person modal is about: a new person of `role` (`id` null) or one to correct. */
export type PersonTarget = { role: Role; id: number | null; name: string };

type Props = {
  edition: number;
  target: PersonTarget | null;
  /** Something was stored (added, corrected, removed, erased): the lists are read again. */
  onDone: (message: string) => void;
};

/** Adds a person by hand or corrects one: the fields the import understands, the values changed
 * by hand marked (a re-imported file will not replace them unasked); for an existing person,
 * removing them from the edition (undoable), writing their data (right of access) and erasing
 * them for good (right to erasure). */
export function PersonModal({ edition, target, onDone }: Props) {
  const [form, setForm] = useState<PersonForm | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const action = useAction();

  useEffect(() => {
    if (!target) return;
    let current = true;
    setForm(null);
    action.clearError();
    api.personForm(edition, target.role, target.id).then((f) => {
      if (!current) return;
      setForm(f);
      setValues(Object.fromEntries(f.fields.map((field) => [field.field, field.value])));
    }, action.fail);
    return () => {
      current = false;
    };
  }, [edition, target, action.fail, action.clearError]);

  const done = (message: string) => {
    personModal.close();
    onDone(message);
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!target || !form) return;
    const saved = await action.run<PersonSaved>(() =>
      api.savePerson(
        edition,
        target.role,
        target.id,
        form.fields.map((f) => ({ field: f.field, value: values[f.field] ?? "" })),
      ),
    );
    if (!saved) return;
    const checked = saved.notes.length > 0 ? ` À vérifier : ${saved.notes.join(" ; ")}.` : "";
    done(saved.label ? `${saved.label}.${checked}` : `Aucune modification.${checked}`);
  };

  const remove = async () => {
    if (!target || target.id === null) return;
    const removed = await action.run(() => api.removePerson(edition, target.role, target.id as number));
    if (removed) done(`${removed.label}. Annulable depuis l'onglet Binômes (« Annuler »).`);
  };

  const exportData = async () => {
    if (!target || target.id === null) return;
    const path = await action.run(() => api.exportPersonData(edition, target.role, target.id as number));
    if (path) done(`Données de ${target.name} enregistrées dans ${path}.`);
  };

  const kind = target?.role === "ambassador" ? "ambassadeur" : "étudiant";
  const title = target === null ? "Personne" : target.id === null ? `Ajouter un ${kind}` : `Modifier ${target.name}`;
  return (
    <>
      <personModal.Component title={title} size="large">
        <ErrorAlert title="Enregistrement impossible" message={action.error} onClose={action.clearError} />
        {form ? (
          <form id="person-form" onSubmit={save} noValidate>
            {target?.id !== null ? (
              <p className="fr-text--sm">
                Les valeurs modifiées ici sont marquées « modifié à la main » : un nouvel import du fichier ne les remplacera pas sans
                vous le demander.
              </p>
            ) : (
              <p className="fr-text--sm">Comprise comme une ligne de fichier d'inscription : commune trouvée depuis le code postal, métiers reconnus.</p>
            )}
            <div className="binomes-person-fields">
              {form.fields.map((f) => {
                const id = `person-${f.field}`;
                return (
                  <div className="fr-input-group" key={f.field}>
                    <label className="fr-label" htmlFor={id}>
                      {f.label}{" "}
                      {f.handEdited ? (
                        <Badge small severity="info" noIcon>
                          modifié à la main
                        </Badge>
                      ) : null}
                    </label>
                    {f.options.length > 0 ? (
                      <select
                        className="fr-select"
                        id={id}
                        value={values[f.field] ?? ""}
                        onChange={(e) => setValues({ ...values, [f.field]: e.target.value })}
                      >
                        {/* A value the list does not know (typed in a file) stays choosable. */}
                        {[...new Set([...f.options, values[f.field] ?? ""])].map((option) => (
                          <option key={option} value={option}>
                            {option === "" ? "— non renseigné —" : option}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        className="fr-input"
                        id={id}
                        type={f.field === "email" ? "email" : f.field === "capacity" ? "number" : "text"}
                        min={f.field === "capacity" ? 0 : undefined}
                        value={values[f.field] ?? ""}
                        onChange={(e) => setValues({ ...values, [f.field]: e.target.value })}
                      />
                    )}
                  </div>
                );
              })}
            </div>
            {form.original ? (
              <details className="fr-mt-2w" id="person-original">
                <summary>Tel qu'écrit dans le fichier importé (ligne {form.original.row.rowNumber})</summary>
                <TableFrame noCaption>
                  <table>
                    <caption>Ligne d'origine</caption>
                    <tbody>
                      {form.original.headers.map((header, i) =>
                        (form.original?.row.cells[i] ?? "").trim() === "" ? null : (
                          <tr key={i}>
                            <th scope="row">{header || <em>(sans titre)</em>}</th>
                            <td>{form.original?.row.cells[i]}</td>
                          </tr>
                        ),
                      )}
                    </tbody>
                  </table>
                </TableFrame>
              </details>
            ) : null}
            <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
              <li>
                <Button type="submit" disabled={action.busy} nativeButtonProps={{ id: "person-save" }}>
                  Enregistrer
                </Button>
              </li>
              <li>
                <Button type="button" priority="secondary" onClick={() => personModal.close()}>
                  Annuler
                </Button>
              </li>
            </ul>
            {target && target.id !== null ? (
              <fieldset className="fr-fieldset fr-mt-3w" aria-labelledby="person-more-legend">
                <legend className="fr-fieldset__legend" id="person-more-legend">
                  Autres actions
                </legend>
                <div className="binomes-actions">
                    <Button type="button" priority="secondary" size="small" iconId="fr-icon-close-circle-line" onClick={remove} disabled={action.busy} nativeButtonProps={{ id: "person-remove" }}>
                      Retirer de l'édition
                    </Button>
                    <Button type="button" priority="secondary" size="small" iconId="fr-icon-download-line" onClick={exportData} disabled={action.busy} nativeButtonProps={{ id: "person-export" }}>
                      Exporter ses données…
                    </Button>
                    <Button
                      type="button"
                      priority="secondary"
                      size="small"
                      iconId="fr-icon-delete-line"
                      onClick={() => {
                        personModal.close();
                        eraseModal.open();
                      }}
                      disabled={action.busy}
                      nativeButtonProps={{ id: "person-erase" }}
                    >
                      Effacer définitivement…
                    </Button>
                </div>
              </fieldset>
            ) : null}
          </form>
        ) : (
          <p>Chargement…</p>
        )}
      </personModal.Component>
      <EraseModal edition={edition} target={target} onDone={onDone} />
    </>
  );
}

/** The confirmation of an erasure on request: what it does, that it cannot be undone. */
function EraseModal({ edition, target, onDone }: Props) {
  const action = useAction();
  const erase = async () => {
    if (!target || target.id === null) return;
    const id = target.id;
    const done = await action.run(async () => {
      await api.erasePerson(edition, target.role, id);
      return true;
    });
    if (done) {
      eraseModal.close();
      onDone(`${target.name} a été effacé(e) définitivement de l'édition, des sauvegardes et de l'historique.`);
    }
  };
  return (
    <eraseModal.Component title={target ? `Effacer ${target.name} définitivement ?` : "Effacer définitivement ?"}>
      <ErrorAlert title="Effacement incomplet" message={action.error} onClose={action.clearError} />
      <p>
        À utiliser quand la personne demande l'effacement de ses données (droit à l'effacement, RGPD). Sa fiche, la ligne du fichier
        d'inscription dont elle vient, ses binômes et les lignes de l'historique qui la nomment sont effacés ; les sauvegardes
        antérieures sont remplacées par une seule copie sans elle.
      </p>
      <p>
        <strong>Cet effacement ne peut pas être annulé.</strong> Pour seulement la retirer de l'édition, utilisez « Retirer de l'édition »
        (annulable).
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button className="fr-btn" type="button" onClick={erase} disabled={action.busy} id="erase-person-confirm">
            Effacer définitivement
          </button>
        </li>
        <li>
          {/* Focused when it opens: what cannot be undone is not one Enter away. */}
          <button className="fr-btn fr-btn--secondary" type="button" onClick={() => eraseModal.close()} data-autofocus>
            Annuler
          </button>
        </li>
      </ul>
    </eraseModal.Component>
  );
}
