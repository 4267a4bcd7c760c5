import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../api";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { Restored } from "../bindings/Restored";
import { ErrorAlert } from "./ErrorAlert";
import { TableFrame } from "./TableFrame";
import { useAction } from "../useAction";

const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeStyle: "short" });
const size = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** The copies of the database, newest first, each restorable after a confirmation. The
 * database replaced is kept aside, never deleted. */
export function BackupsPanel({ onRestored }: { onRestored: (restored: Restored) => void }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const { busy, error, run, fail, clearError } = useAction();
  useEffect(() => {
    api.listBackups().then(setBackups, fail);
  }, [fail]);
  const restore = (file: string) =>
    void run(async () => {
      const restored = await api.restoreBackup(file);
      setConfirming(null);
      onRestored(restored);
    });
  return (
    <section id="backups" aria-labelledby="backups-title" className="fr-mb-4w">
      <h2 id="backups-title" className="fr-h4">
        Restaurer une sauvegarde
      </h2>
      <p>
        Binômes copie la base avant chaque import, chaque proposition de binômes et chaque mise à jour, et une fois par
        jour ; les cinq copies les plus récentes sont gardées. Restaurer une copie remplace la base actuelle, qui est
        gardée à part dans le dossier des données.
      </p>
      <ErrorAlert title="Restauration impossible" message={error} onClose={clearError} />
      {backups === null ? (
        <p>Chargement…</p>
      ) : backups.length === 0 ? (
        <p>Aucune sauvegarde pour l'instant.</p>
      ) : (
        <TableFrame>
          <table id="backups-table">
            <caption>Sauvegardes ({backups.length})</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Pourquoi</th>
                <th scope="col" className="binomes-number">
                  Éditions
                </th>
                <th scope="col" className="binomes-number">
                  Étudiants
                </th>
                <th scope="col" className="binomes-number">
                  Binômes
                </th>
                <th scope="col" className="binomes-number">
                  Taille
                </th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.file} data-backup={b.file}>
                  <td>{when.format(new Date(b.takenAt))}</td>
                  <td>{b.reason}</td>
                  <td className="binomes-number">{b.readable ? b.editions : "—"}</td>
                  <td className="binomes-number">{b.readable ? b.students : "—"}</td>
                  <td className="binomes-number">{b.readable ? b.pairs : "—"}</td>
                  <td className="binomes-number">{size.format(b.bytes / 1_048_576)} Mo</td>
                  <td>
                    {!b.readable ? (
                      "illisible"
                    ) : confirming === b.file ? (
                      <div className="binomes-actions">
                        <Button size="small" disabled={busy} onClick={() => restore(b.file)} nativeButtonProps={{ "data-action": "confirm-restore" }}>
                          Remplacer la base par cette copie
                        </Button>
                        <Button size="small" priority="secondary" disabled={busy} onClick={() => setConfirming(null)}>
                          Annuler
                        </Button>
                      </div>
                    ) : (
                      <Button size="small" priority="secondary" onClick={() => setConfirming(b.file)} nativeButtonProps={{ "data-action": "restore" }}>
                        Restaurer…
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </section>
  );
}
