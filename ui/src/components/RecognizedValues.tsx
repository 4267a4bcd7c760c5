import { useState } from "react";
import type { RecognizedValue } from "../bindings/RecognizedValue";
import type { ReferentialLists } from "../bindings/ReferentialLists";
import type { SynonymKind } from "../bindings/SynonymKind";
import { RattachSelect, rowsOf } from "./ReferentialOptions";
import { TableFrame } from "./TableFrame";

/** Every métier and administration the import recognised, as written and as taken — those not
 * written as the entry's label first — with a way to rattach a writing to another entry (taught
 * once, remembered for every file). */
export function RecognizedValues({
  values,
  referentials,
  busy,
  onRattach,
}: {
  values: RecognizedValue[];
  referentials: ReferentialLists;
  busy: boolean;
  onRattach: (kind: SynonymKind, text: string, code: string) => void;
}) {
  const reworded = values.filter((v) => !v.exact).length;
  // Unfolded when there are a few to check. Folded, its table is not drawn: a row per value, each
  // with a list of every entry of the referential, was most of the preview's drawing (#21).
  const [open, setOpen] = useState(reworded > 0 && reworded <= 30);
  if (values.length === 0) return null;
  return (
    <details className="fr-mb-3w" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} id="import-recognized-details">
      <summary>
        Métiers et administrations reconnus ({values.length} valeurs, dont {reworded} sous un autre libellé — à vérifier)
      </summary>
      {!open ? null : (
        <TableFrame noCaption>
          <table id="import-recognized">
            <caption>Valeurs reconnues</caption>
            <thead>
              <tr>
                <th scope="col">Écrit dans le fichier</th>
                <th scope="col">Reconnu comme</th>
                <th scope="col">Comment</th>
                <th scope="col">Lignes</th>
                <th scope="col">Rattacher plutôt à</th>
              </tr>
            </thead>
            <tbody>
              {values.map((value) => {
                const entries = value.kind === "job" ? referentials.jobs : referentials.administrations;
                return (
                  <tr key={`${value.kind}:${value.text}`} data-recognized={value.text}>
                    <td>{value.text}</td>
                    <td>{value.label}</td>
                    <td>{value.how}</td>
                    <td>{rowsOf(value)}</td>
                    <td>
                      <RattachSelect
                        label={`Rattacher « ${value.text} » à une autre entrée`}
                        placeholder="— garder —"
                        entries={entries.filter((entry) => entry.code !== value.code)}
                        busy={busy}
                        onChoose={(code) => onRattach(value.kind, value.text, code)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableFrame>
      )}
    </details>
  );
}
