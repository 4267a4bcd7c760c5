import { memo, useEffect, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "../modal";
import { api } from "../api";
import { useAction } from "../useAction";
import { RevealButton } from "./RevealButton";
import { ErrorAlert } from "./ErrorAlert";
import { RulesEditor } from "./RulesEditor";
import { Board } from "./board/Board";

const exportModal = createModal({ id: "export-modal", isOpenedByDefault: false });

/** The pairs of an edition: the board where they are made and adjusted, then the export of the
 * workbook, the messages, and the rules of the suggestion. */
export const PairsPanel = memo(function PairsPanel({ edition, onChanged }: { edition: number; onChanged: () => void }) {
  const action = useAction();
  const { busy, error, clearError } = action;
  const [notice, setNotice] = useState<string | null>(null);
  // What the last result wrote (a workbook, a folder of drafts), for « Ouvrir le dossier ».
  const [writtenPath, setWrittenPath] = useState<string | null>(null);
  // Pairs whose drafts were just written, waiting for "sent" to be confirmed.
  const [written, setWritten] = useState<number[] | null>(null);
  const [onlyValidated, setOnlyValidated] = useState(false);
  const [minimal, setMinimal] = useState(false);
  // Bumped when pairs change outside the board (messages sent), so that it reads them again.
  const [boardVersion, setBoardVersion] = useState(0);
  // Bumped when the board changes the rules (retained states), so that the rules editor reads them again.
  const [rulesVersion, setRulesVersion] = useState(0);

  // The path bar's result area, once the page has drawn it.
  const [resultArea, setResultArea] = useState<HTMLElement | null>(null);
  useEffect(() => setResultArea(document.getElementById("path-result")), []);
  const result = (content: ReactNode) => (resultArea ? createPortal(content, resultArea) : content);

  const run = (work: () => Promise<void>) => {
    setNotice(null);
    setWrittenPath(null);
    return action.run(work);
  };
  const exportWorkbook = () =>
    run(async () => {
      const summary = await api.exportWorkbook(edition, {
        status: onlyValidated ? "validated" : null,
        minimal,
        region: null,
      });
      setWrittenPath(summary.path);
      setNotice(
        `Classeur enregistré : ${summary.path} (${summary.pairs} binômes, ${summary.studentsUnpaired} étudiants sans binôme). Il contient des données personnelles.`,
      );
    });

  const writeMessages = () =>
    run(async () => {
      const summary = await api.writeMessages(edition);
      if (summary.wave === "") {
        setNotice("Personne n'est à prévenir pour ces binômes : aucun brouillon écrit.");
        return;
      }
      setWritten(summary.pairs);
      setWrittenPath(summary.folder);
      const missing =
        summary.withoutEmail.length > 0 ? ` Sans e-mail, à prévenir autrement : ${summary.withoutEmail.join(", ")}.` : "";
      setNotice(
        `${summary.drafts} brouillons écrits dans ${summary.folder}, et le fichier de publipostage ${summary.mergeSheet}. Ouvrez-les avec votre messagerie pour les envoyer.${missing}`,
      );
    });
  const markSent = () =>
    run(async () => {
      if (!written) return;
      const n = await api.markNotified(edition, written);
      setWritten(null);
      setNotice(`${n} binômes passés à « notifié ».`);
      setBoardVersion((v) => v + 1);
      onChanged();
    });

  return (
    <div id="pairs-panel">
      <Board edition={edition} version={boardVersion} onChanged={onChanged} onRulesChanged={() => setRulesVersion((v) => v + 1)} />
      <div className="binomes-actions fr-mt-3w fr-mb-3w">
        <Button
          priority="secondary"
          iconId="fr-icon-file-download-line"
          onClick={() => exportModal.open()}
          disabled={busy}
          nativeButtonProps={{ id: "export" }}
        >
          Exporter le classeur…
        </Button>
        <Button
          priority="tertiary"
          iconId="fr-icon-mail-line"
          onClick={() => void writeMessages()}
          disabled={busy}
          nativeButtonProps={{ id: "write-messages" }}
        >
          Préparer les messages…
        </Button>
        {written ? (
          <Button priority="tertiary" iconId="fr-icon-check-line" onClick={() => void markSent()} disabled={busy} nativeButtonProps={{ id: "mark-notified" }}>
            Messages envoyés : passer ces binômes à « notifié »
          </Button>
        ) : null}
      </div>
      {/* What the export and the messages did, said in the path bar at the top of the edition
          (always in view, where its buttons are), else beside the buttons above — never above
          the board, where it pushed the board down out of sight of the button (#18). */}
      {result(
        <>
          <ErrorAlert title="Action impossible" message={error} onClose={clearError} />
          <p role="status" id="pairs-status" className={notice ? "fr-alert fr-alert--success fr-alert--sm fr-mb-1w" : undefined}>
            {notice}
          </p>
          {notice && writtenPath ? <RevealButton path={writtenPath} id="pairs-reveal" /> : null}
        </>,
      )}

      <RulesEditor edition={edition} version={rulesVersion} onSaved={() => setBoardVersion((v) => v + 1)} />
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
});
