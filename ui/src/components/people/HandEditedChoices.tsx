import type { HandEdited } from "../../bindings/HandEdited";
import type { TakeFromFile } from "../../bindings/TakeFromFile";
import { TableFrame } from "../TableFrame";

const same = (a: TakeFromFile, b: TakeFromFile) => a.person === b.person && a.path === b.path;

/** Values changed by hand in the app that the re-imported file gives otherwise: the hand's value
 * is kept unless the organiser ticks « prendre la valeur du fichier ». */
export function HandEditedChoices({
  values,
  take,
  onTake,
}: {
  values: HandEdited[];
  take: TakeFromFile[];
  onTake: (take: TakeFromFile[]) => void;
}) {
  if (values.length === 0) return null;
  return (
    <section className="fr-mb-3w" aria-labelledby="hand-edited-title">
      <h3 className="fr-h5" id="hand-edited-title">
        {values.length} valeur{values.length > 1 ? "s" : ""} modifiée{values.length > 1 ? "s" : ""} à la main
      </h3>
      <p className="fr-text--sm">
        Vous avez corrigé ces valeurs dans Binômes ; le fichier en donne d'autres. La valeur modifiée à la main est gardée, sauf si
        vous cochez « prendre celle du fichier ».
      </p>
      <TableFrame noCaption>
        <table id="hand-edited">
          <caption>Valeurs modifiées à la main</caption>
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Champ</th>
              <th scope="col">Modifié à la main</th>
              <th scope="col">Dans le fichier</th>
              <th scope="col">Prendre celle du fichier</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v, i) => {
              const chosen = take.some((t) => same(t, v.choice));
              const id = `take-file-${i}`;
              return (
                <tr key={`${v.choice.person}|${v.choice.path}`}>
                  <td>{v.person.name}</td>
                  <td>{v.field}</td>
                  <td>{v.hand || <em>vide</em>}</td>
                  <td>{v.file || <em>vide</em>}</td>
                  <td>
                    <div className="fr-checkbox-group fr-checkbox-group--sm">
                      <input
                        type="checkbox"
                        id={id}
                        checked={chosen}
                        onChange={(e) => onTake(e.target.checked ? [...take, v.choice] : take.filter((t) => !same(t, v.choice)))}
                      />
                      <label className="fr-label" htmlFor={id}>
                        <span className="fr-sr-only">
                          Prendre la valeur du fichier pour {v.field} de {v.person.name}
                        </span>
                      </label>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
    </section>
  );
}
