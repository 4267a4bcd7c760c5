import { createModal } from "../../modal";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { HistoryEntry } from "../../bindings/HistoryEntry";
import { TableFrame } from "../TableFrame";

export const historyModal = createModal({ id: "history-modal", isOpenedByDefault: false });

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium" });

/** Every change of the edition's board: when, who, what, and whether it was undone. */
export function HistoryModal({ entries }: { entries: HistoryEntry[] | null }) {
  return (
    <historyModal.Component title="Historique des changements" size="large">
      {entries === null ? (
        <p>Chargement…</p>
      ) : entries.length === 0 ? (
        <p>Aucun changement pour l'instant.</p>
      ) : (
        <TableFrame noCaption>
          <table id="history-table">
            <caption>Historique</caption>
            <thead>
              <tr>
                <th scope="col">Quand</th>
                <th scope="col">Qui</th>
                <th scope="col">Quoi</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{when.format(new Date(e.at))}</td>
                  <td>{e.author}</td>
                  <td>
                    {e.label}{" "}
                    {e.undone ? (
                      <Badge small noIcon severity="warning">
                        annulé
                      </Badge>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </historyModal.Component>
  );
}
