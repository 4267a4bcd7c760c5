import { useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import type { LogLine } from "../../bindings/LogLine";
import { personKey, roleLabel } from "../../notify";
import { useAction } from "../../useAction";
import { ErrorAlert } from "../ErrorAlert";

/** The notification log: every message drafted or sent, for everyone or for one person. */
export function NotificationLog({ edition, version }: { edition: number; version: number }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [person, setPerson] = useState("");
  const { error, fail, clearError } = useAction();
  useEffect(() => {
    api.notificationLog(edition).then(setLines, fail);
  }, [edition, version, fail]);
  const people = useMemo(() => {
    const seen = new Map<string, string>();
    for (const l of lines) seen.set(personKey(l.notification.role, l.notification.person), `${l.name} (${roleLabel(l.notification.role)})`);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], "fr"));
  }, [lines]);
  const shown = person ? lines.filter((l) => personKey(l.notification.role, l.notification.person) === person) : lines.slice(0, 50);
  if (lines.length === 0) return null;
  return (
    <div className="fr-mt-4w" id="notification-log">
      <h2 className="fr-h5">Journal des messages</h2>
      <ErrorAlert title="Journal illisible" message={error} onClose={clearError} />
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="log-person">
          Personne
        </label>
        <select className="fr-select" id="log-person" value={person} onChange={(e) => setPerson(e.target.value)}>
          <option value="">Tout le monde (50 derniers messages)</option>
          {people.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-table fr-table--no-caption">
        <table>
          <caption>Journal des messages</caption>
          <thead>
            <tr>
              <th scope="col">Quand (UTC)</th>
              <th scope="col">Personne</th>
              <th scope="col">Message</th>
              <th scope="col">Par</th>
              <th scope="col">État</th>
              <th scope="col">Réponse du serveur</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr key={l.notification.id} data-log-kind={l.notification.kind}>
                <td>{l.notification.updatedAt.replace("T", " ").replace("Z", "")}</td>
                <td>{l.name}</td>
                <td title={l.notification.subject}>{l.kind}</td>
                <td>{l.notification.means === "smtp" ? "envoi SMTP" : "brouillon"}</td>
                <td>{l.state}</td>
                <td>{l.notification.reply ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
