import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { api, toApiError } from "../api";
import type { Ambassador } from "../bindings/Ambassador";
import type { ExplainedPair } from "../bindings/ExplainedPair";
import type { PairStatus } from "../bindings/PairStatus";
import type { Student } from "../bindings/Student";
import type { Unpaired } from "../bindings/Unpaired";
import { fullName } from "../format";
import { ErrorAlert } from "./ErrorAlert";
import { RulesEditor } from "./RulesEditor";
import { WhyModal, whyModal } from "./WhyModal";
import type { Compatibility } from "../bindings/Compatibility";
import { TableFrame } from "./TableFrame";

const suggestModal = createModal({ id: "suggest-modal", isOpenedByDefault: false });
const exportModal = createModal({ id: "export-modal", isOpenedByDefault: false });

const statusLabel: Record<PairStatus, string> = { proposed: "proposé", validated: "validé", notified: "notifié" };

/** The pairs of an edition with their reasons, the students left without one and why,
 * and the two actions: propose the pairs, export the workbook. */
export function PairsPanel({
  edition,
  students,
  ambassadors,
  onChanged,
}: {
  edition: number;
  students: Student[];
  ambassadors: Ambassador[];
  onChanged: () => void;
}) {
  const [pairs, setPairs] = useState<ExplainedPair[] | null>(null);
  const [unpaired, setUnpaired] = useState<Unpaired[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Pairs whose drafts were just written, waiting for "sent" to be confirmed.
  const [written, setWritten] = useState<number[] | null>(null);
  const [onlyValidated, setOnlyValidated] = useState(false);
  const [why, setWhy] = useState<{ name: string; compatibility: Compatibility[] | null } | null>(null);
  const [minimal, setMinimal] = useState(false);

  const studentById = useMemo(() => new Map(students.map((s) => [s.id, s])), [students]);
  const ambassadorById = useMemo(() => new Map(ambassadors.map((a) => [a.id, a])), [ambassadors]);

  const reload = useCallback(() => {
    Promise.all([api.listPairs(edition), api.listUnpaired(edition)]).then(
      ([p, u]) => {
        setPairs(p);
        setUnpaired(u);
      },
      (e) => setError(toApiError(e).message),
    );
  }, [edition]);
  useEffect(reload, [reload]);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      const apiError = toApiError(e);
      if (!apiError.cancelled) setError(apiError.message);
    } finally {
      setBusy(false);
    }
  };
  const suggest = () =>
    run(async () => {
      const result = await api.suggestPairs(edition);
      setNotice(
        `${result.proposed.length} binômes proposés, ${result.kept.length} gardés, ${result.unpaired.length} étudiants sans binôme, ${result.placesLeft} places libres.`,
      );
      reload();
      onChanged();
    });
  const exportWorkbook = () =>
    run(async () => {
      const summary = await api.exportWorkbook(edition, {
        status: onlyValidated ? "validated" : null,
        minimal,
        region: null,
      });
      setNotice(
        `Classeur enregistré : ${summary.path} (${summary.pairs} binômes, ${summary.studentsUnpaired} étudiants sans binôme). Il contient des données personnelles.`,
      );
    });

  const writeMessages = () =>
    run(async () => {
      const summary = await api.writeMessages(edition);
      setWritten(summary.pairs);
      const missing =
        summary.withoutEmail.length > 0 ? ` Sans e-mail, à prévenir autrement : ${summary.withoutEmail.join(", ")}.` : "";
      setNotice(
        `${summary.drafts} brouillons écrits dans ${summary.folder}, et le fichier de publipostage ${summary.mergeSheet}. Ouvrez-les avec votre messagerie pour les envoyer.${missing}`,
      );
    });
  const markSent = () =>
    run(async () => {
      if (!written) return;
      const n = await api.markNotified(written);
      setWritten(null);
      setNotice(`${n} binômes passés à « notifié ».`);
      reload();
      onChanged();
    });

  const explain = (student: number) => {
    const who = studentById.get(student);
    setWhy({ name: who ? fullName(who.identity.firstName, who.identity.lastName) : "", compatibility: null });
    whyModal.open();
    api.compatibility(edition, student).then(
      (compatibility) => setWhy((current) => (current ? { ...current, compatibility } : current)),
      (e) => setError(toApiError(e).message),
    );
  };
  const whyButton = (student: number) => (
    <Button size="small" priority="tertiary no outline" onClick={() => explain(student)} nativeButtonProps={{ "data-action": "why" }}>
      Pourquoi ?
    </Button>
  );

  // One pair's lock or status changed by hand: saved at once, the list read again.
  const changePair = (work: () => Promise<unknown>) =>
    run(async () => {
      await work();
      reload();
    });
  const validateAll = () =>
    run(async () => {
      const n = await api.validateProposed(edition);
      setNotice(`${n} binômes passés à « validé ».`);
      reload();
    });

  const name = (who: { identity: { firstName: string; lastName: string } } | undefined) =>
    who ? fullName(who.identity.firstName, who.identity.lastName) : "?";

  return (
    <div id="pairs-panel">
      <ErrorAlert title="Action impossible" message={error} onClose={() => setError(null)} />
      <p role="status" id="pairs-status" className={notice ? "fr-alert fr-alert--success fr-alert--sm fr-mb-3w" : undefined}>
        {notice}
      </p>
      <div className="binomes-actions fr-mb-3w">
        <Button iconId="fr-icon-team-line" onClick={() => suggestModal.open()} disabled={busy} nativeButtonProps={{ id: "suggest" }}>
          Proposer les binômes
        </Button>
        <Button
          priority="secondary"
          iconId="fr-icon-file-download-line"
          onClick={() => exportModal.open()}
          disabled={busy || (pairs?.length ?? 0) === 0}
          nativeButtonProps={{ id: "export" }}
        >
          Exporter le classeur…
        </Button>
        <Button
          priority="tertiary"
          iconId="fr-icon-mail-line"
          onClick={() => void writeMessages()}
          disabled={busy || (pairs?.length ?? 0) === 0}
          nativeButtonProps={{ id: "write-messages" }}
        >
          Préparer les messages…
        </Button>
        <Button
          priority="tertiary"
          iconId="fr-icon-success-line"
          onClick={() => void validateAll()}
          disabled={busy || !(pairs ?? []).some((p) => p.pair.status === "proposed")}
          nativeButtonProps={{ id: "validate-all" }}
        >
          Valider tous les binômes proposés
        </Button>
        {written ? (
          <Button priority="tertiary" iconId="fr-icon-check-line" onClick={() => void markSent()} disabled={busy} nativeButtonProps={{ id: "mark-notified" }}>
            Messages envoyés : passer ces binômes à « notifié »
          </Button>
        ) : null}
      </div>

      <RulesEditor edition={edition} />

      {pairs === null ? (
        <p>Chargement…</p>
      ) : pairs.length === 0 ? (
        <p>Aucun binôme pour l'instant : importez les inscriptions puis proposez les binômes.</p>
      ) : (
        <TableFrame>
          <table id="pairs-table">
            <caption>Binômes ({pairs.length})</caption>
            <thead>
              <tr>
                <th scope="col">Étudiant</th>
                <th scope="col">Ambassadeur</th>
                <th scope="col" className="binomes-number">
                  Points
                </th>
                <th scope="col">Pourquoi</th>
                <th scope="col">Statut</th>
                <th scope="col">Autres choix</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map(({ pair, score, reasons }) => (
                <tr key={pair.id}>
                  <td>{name(studentById.get(pair.studentId))}</td>
                  <td>
                    {name(ambassadorById.get(pair.ambassadorId))}
                    <br />
                    <span className="fr-text--xs">{ambassadorById.get(pair.ambassadorId)?.job ?? ""}</span>
                  </td>
                  <td className="binomes-number">{score}</td>
                  <td>{reasons.join(" ; ")}</td>
                  <td>
                    <select
                      className="fr-select"
                      aria-label={`Statut du binôme de ${name(studentById.get(pair.studentId))}`}
                      data-pair-status={pair.id}
                      value={pair.status}
                      disabled={busy}
                      onChange={(e) => void changePair(() => api.setPairStatus(pair.id, e.target.value as PairStatus))}
                    >
                      {(Object.keys(statusLabel) as PairStatus[]).map((status) => (
                        <option key={status} value={status}>
                          {statusLabel[status]}
                        </option>
                      ))}
                    </select>
                    <div className="fr-checkbox-group fr-checkbox-group--sm">
                      <input
                        type="checkbox"
                        id={`lock-${pair.id}`}
                        checked={pair.locked}
                        disabled={busy}
                        onChange={(e) => void changePair(() => api.setPairLocked(pair.id, e.target.checked))}
                      />
                      <label className="fr-label" htmlFor={`lock-${pair.id}`}>
                        verrouillé
                      </label>
                    </div>
                  </td>
                  <td>{whyButton(pair.studentId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}

      {unpaired.length > 0 ? (
        <TableFrame>
          <table id="unpaired-table">
            <caption>Étudiants sans binôme ({unpaired.length})</caption>
            <thead>
              <tr>
                <th scope="col">Étudiant</th>
                <th scope="col">Pourquoi</th>
                <th scope="col">Ambassadeurs possibles</th>
              </tr>
            </thead>
            <tbody>
              {unpaired.map((u) => (
                <tr key={u.student}>
                  <td>{name(studentById.get(u.student))}</td>
                  <td>{u.diagnosis}</td>
                  <td>{whyButton(u.student)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}

      <WhyModal studentName={why?.name ?? ""} compatibility={why?.compatibility ?? null} ambassadorById={ambassadorById} />
      <suggestModal.Component
        title="Proposer les binômes ?"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          { children: "Proposer", onClick: () => void suggest(), nativeButtonProps: { id: "suggest-confirm" } },
        ]}
      >
        <p>
          Les binômes verrouillés, validés ou notifiés sont gardés. Les autres binômes proposés sont remplacés par le
          meilleur appariement possible : d'abord placer le plus d'étudiants, puis les meilleurs binômes. Une sauvegarde
          de la base est faite avant.
        </p>
      </suggestModal.Component>
      <exportModal.Component
        title="Exporter le classeur des binômes"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          { children: "Choisir où l'enregistrer…", onClick: () => void exportWorkbook(), nativeButtonProps: { id: "export-confirm" } },
        ]}
      >
        <p>
          Le classeur contient des données personnelles : noms, adresses e-mail, téléphones et communes des étudiants et
          des ambassadeurs. Enregistrez-le dans un dossier sûr, ne le transmettez qu'aux personnes qui en ont besoin et
          supprimez-le après l'opération.
        </p>
        <div className="fr-checkbox-group fr-checkbox-group--sm">
          <input type="checkbox" id="export-validated" checked={onlyValidated} onChange={(e) => setOnlyValidated(e.target.checked)} />
          <label className="fr-label" htmlFor="export-validated">
            Seulement les binômes validés
          </label>
        </div>
        <div className="fr-checkbox-group fr-checkbox-group--sm">
          <input type="checkbox" id="export-minimal" checked={minimal} onChange={(e) => setMinimal(e.target.checked)} />
          <label className="fr-label" htmlFor="export-minimal">
            Sans les numéros de téléphone
          </label>
        </div>
      </exportModal.Component>
    </div>
  );
}
