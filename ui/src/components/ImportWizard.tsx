import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { api, onFileDrop, onImportProgress } from "../api";
import type { Field } from "../bindings/Field";
import type { ImportReport } from "../bindings/ImportReport";
import type { ReferentialLists } from "../bindings/ReferentialLists";
import type { SynonymKind } from "../bindings/SynonymKind";
import type { Role } from "../bindings/Role";
import { ErrorAlert } from "./ErrorAlert";
import { ImportStates } from "./ImportStates";
import { HandEditedChoices } from "./people/HandEditedChoices";
import { RecognizedValues } from "./RecognizedValues";
import { RattachSelect, rowsOf } from "./ReferentialOptions";
import type { TakeFromFile } from "../bindings/TakeFromFile";
import { TableFrame } from "./TableFrame";
import { confidenceLabel, importSummary, roleLabel } from "../importText";
import { useAction } from "../useAction";

type Step =
  | { step: "start" }
  | { step: "preview"; path: string; report: ImportReport }
  | { step: "done"; report: ImportReport };

/** Choose a file, see what it holds and what it would change, confirm. */
export function ImportWizard({
  edition,
  role,
  onClose,
  onApplied,
}: {
  edition: number;
  role: Role;
  onClose: (imported: boolean) => void;
  /** The people are stored: the page's counts follow at once, not when the wizard closes (#18). */
  onApplied?: () => void;
}) {
  const [state, setState] = useState<Step>({ step: "start" });
  const { busy, error, run, attempt, clearError } = useAction();
  // Reading a file (as opposed to storing it) can be followed and stopped.
  const [reading, setReading] = useState(false);
  const [rowsRead, setRowsRead] = useState<number | null>(null);
  const [referentials, setReferentials] = useState<ReferentialLists | null>(null);
  useEffect(() => {
    api.listReferentials().then(setReferentials, () => setReferentials(null));
  }, []);

  // While a file is read, the engine reports how many rows it has read.
  useEffect(() => {
    if (!reading) {
      setRowsRead(null);
      return;
    }
    let unsubscribe: (() => void) | null = null;
    let active = true;
    onImportProgress(setRowsRead).then(
      (stop) => {
        if (active) unsubscribe = stop;
        else stop();
      },
      () => undefined,
    );
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [reading]);

  const guard = (work: () => Promise<void>, readsFile = true) =>
    run(async () => {
      setReading(readsFile);
      try {
        await work();
      } finally {
        setReading(false);
      }
    });
  const preview = (path: string) =>
    guard(async () => {
      const report = await api.previewImport(edition, role, path, null);
      setState({ step: "preview", path, report });
    });
  // The dialog first (nothing to follow there), then the read.
  const choose = async () => {
    const path = await attempt(() => api.pickImportFile(role));
    if (path !== undefined) await preview(path);
  };
  // A file dropped on the window while the wizard waits for one is taken as the choice — not
  // while one is read: its preview, come later, would replace what follows the first one.
  const waiting = state.step === "start" && !busy;
  useEffect(() => {
    if (!waiting) return;
    let unsubscribe: (() => void) | null = null;
    let active = true;
    onFileDrop((paths) => {
      const [first] = paths;
      if (first) void preview(first);
    }).then(
      (stop) => {
        if (active) unsubscribe = stop;
        else stop();
      },
      () => undefined,
    );
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [waiting]);
  const changeSheet = (path: string, sheet: string) =>
    guard(async () => {
      const report = await api.previewImport(edition, role, path, sheet);
      setState({ step: "preview", path, report });
    });
  // A column matched by hand is remembered, then the file is read again with it.
  const changeColumn = (path: string, report: ImportReport, header: string, field: Field | null | "auto") =>
    guard(async () => {
      if (field === "auto") await api.forgetColumn(role, header);
      else await api.rememberColumn(role, header, field);
      const again = await api.previewImport(edition, role, path, report.sheet);
      setState({ step: "preview", path, report: again });
    });
  // A métier or administration rattached by hand is remembered, then the file read again.
  const rattach = (path: string, report: ImportReport, kind: SynonymKind, text: string, code: string) =>
    guard(async () => {
      await api.rememberSynonym(kind, text, code);
      const again = await api.previewImport(edition, role, path, report.sheet);
      setState({ step: "preview", path, report: again });
    });
  // Values changed by hand for which the organiser takes the file's.
  const [take, setTake] = useState<TakeFromFile[]>([]);
  const apply = () =>
    guard(async () => {
      const report = await api.applyImport(edition, take);
      setState({ step: "done", report });
      onApplied?.();
    }, false);

  return (
    <section id="import-wizard" aria-labelledby="import-title" className="fr-mb-6w">
      <h2 id="import-title">Importer les inscriptions des {roleLabel(role)}</h2>
      <ErrorAlert title="Import impossible" message={error} onClose={clearError} />
      {reading ? (
        <div className="binomes-actions fr-mb-3w" role="status" id="import-progress">
          <p className="fr-mb-0">{rowsRead === null ? "Lecture du fichier…" : `Lecture du fichier… ${rowsRead.toLocaleString("fr-FR")} lignes lues`}</p>
          <Button size="small" priority="secondary" onClick={() => void api.cancelImport()} nativeButtonProps={{ id: "import-cancel" }}>
            Arrêter la lecture
          </Button>
        </div>
      ) : null}
      {state.step === "start" ? (
        <>
          <p>
            Choisissez l'export des inscriptions ({role === "student" ? "démarches simplifiées" : "Sphinx"}) :
            .xlsx, .xls, .ods ou .csv — ou déposez-le sur la fenêtre. Rien n'est enregistré avant votre confirmation.
          </p>
          <div className="binomes-actions">
            <Button iconId="fr-icon-file-add-line" onClick={() => void choose()} disabled={busy} nativeButtonProps={{ id: "import-choose" }}>
              Choisir le fichier…
            </Button>
            <Button priority="secondary" onClick={() => onClose(false)} nativeButtonProps={{ id: "import-leave" }}>
              Annuler
            </Button>
          </div>
        </>
      ) : null}
      {state.step === "preview" ? (
        <ImportPreview
          report={state.report}
          busy={busy}
          onSheet={(sheet) => void changeSheet(state.path, sheet)}
          onColumn={(header, field) => void changeColumn(state.path, state.report, header, field)}
          referentials={referentials}
          onRattach={(kind, text, code) => void rattach(state.path, state.report, kind, text, code)}
          take={take}
          onTake={setTake}
          onConfirm={() => void apply()}
          onOtherFile={() => void choose()}
          onCancel={() => onClose(false)}
        />
      ) : null}
      {state.step === "done" ? (
        <>
          <div role="status" id="import-done">
            <Alert severity="success" title="Import terminé" description={importSummary(state.report, true)} small={false} />
          </div>
          <ImportStates report={state.report} />
          {state.report.backup ? (
            <p className="fr-text--sm fr-mt-2w">La base a été sauvegardée juste avant : {state.report.backup}</p>
          ) : null}
          <Button onClick={() => onClose(true)} nativeButtonProps={{ id: "import-close" }}>
            Voir l'édition
          </Button>
        </>
      ) : null}
    </section>
  );
}

function ImportPreview({
  report,
  busy,
  onSheet,
  onColumn,
  referentials,
  onRattach,
  take,
  onTake,
  onConfirm,
  onOtherFile,
  onCancel,
}: {
  report: ImportReport;
  busy: boolean;
  onSheet: (sheet: string) => void;
  onColumn: (header: string, field: Field | null | "auto") => void;
  referentials: ReferentialLists | null;
  onRattach: (kind: SynonymKind, text: string, code: string) => void;
  take: TakeFromFile[];
  onTake: (take: TakeFromFile[]) => void;
  onConfirm: () => void;
  onOtherFile: () => void;
  onCancel: () => void;
}) {
  const changes = report.changes;
  return (
    <div id="import-preview">
      <p className="fr-text--lead" id="import-summary">
        {importSummary(report, false)}
      </p>
      <ImportStates report={report} />
      <p>
        Fichier « {report.file} »{report.sheet ? `, feuille « ${report.sheet} »` : ""}, en-tête trouvé ligne {report.header_row}
        {report.title_rows.length > 0 ? ` (lignes de titre au-dessus : ${report.title_rows.join(", ")})` : ""}
        {report.blank_rows > 0 ? `, ${report.blank_rows} ligne(s) vide(s) ignorée(s)` : ""}.
      </p>
      {report.sheet_names.length > 1 ? (
        <Select
          label="Feuille à importer"
          disabled={busy}
          nativeSelectProps={{
            id: "import-sheet",
            value: report.sheet ?? "",
            onChange: (event) => onSheet(event.target.value),
          }}
        >
          {report.sheet_names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      ) : null}

      <h3 className="fr-h5">Colonnes reconnues</h3>
      <p className="fr-text--sm">
        Corrigez au besoin ce que contient une colonne : votre choix est retenu pour les prochains fichiers qui ont la même
        colonne. Les colonnes « gardées telles quelles » restent dans la ligne d'origine de chaque personne.
      </p>
      <TableFrame noCaption>
        <table id="import-columns">
          <caption>Colonnes du fichier et informations reconnues</caption>
          <thead>
            <tr>
              <th scope="col">Colonne du fichier</th>
              <th scope="col">Reconnue comme</th>
              <th scope="col">Confiance</th>
              <th scope="col">Exemple (1re ligne)</th>
            </tr>
          </thead>
          <tbody>
            {report.columns.map((column) => (
              <tr key={column.index}>
                <td>{column.header || <em>(sans titre)</em>}</td>
                <td>
                  <select
                    className="fr-select"
                    aria-label={`Information contenue dans la colonne « ${column.header} »`}
                    data-header={column.header}
                    value={column.field ?? ""}
                    disabled={busy}
                    onChange={(event) => onColumn(column.header, event.target.value === "" ? null : (event.target.value as Field))}
                  >
                    <option value="">— gardée telle quelle —</option>
                    {report.fields.map((choice) => (
                      <option key={choice.field} value={choice.field}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {column.chosen ? (
                    <>
                      <Badge small noIcon severity="new">
                        choisie par vous
                      </Badge>{" "}
                      <button type="button" className="fr-link fr-text--sm" onClick={() => onColumn(column.header, "auto")} disabled={busy}>
                        automatique
                      </button>
                    </>
                  ) : (
                    <Badge small noIcon severity={column.confidence >= 0.9 ? "success" : column.confidence > 0 ? "warning" : "info"}>
                      {confidenceLabel(column.confidence)}
                    </Badge>
                  )}
                </td>
                <td>{report.first_rows[0]?.cells[column.index] ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>

      {report.unknown_values.length > 0 && referentials ? (
        <>
          <h3 className="fr-h5">Métiers et administrations à rattacher ({report.unknown_values.length})</h3>
          <p className="fr-text--sm">
            Ces valeurs ne sont pas dans les référentiels : elles sont gardées telles quelles. Rattachez-les une fois, Binômes
            s'en souviendra pour tous les fichiers.
          </p>
          <TableFrame noCaption>
            <table id="import-unknown">
              <caption>Valeurs non reconnues</caption>
              <thead>
                <tr>
                  <th scope="col">Valeur écrite</th>
                  <th scope="col">Type</th>
                  <th scope="col">Lignes</th>
                  <th scope="col">Rattacher à</th>
                </tr>
              </thead>
              <tbody>
                {report.unknown_values.map((value) => {
                  const entries = value.kind === "job" ? referentials.jobs : referentials.administrations;
                  return (
                    <tr key={`${value.kind}:${value.text}`}>
                      <td>{value.text}</td>
                      <td>{value.kind === "job" ? "métier" : "administration"}</td>
                      <td>{rowsOf(value)}</td>
                      <td>
                        <RattachSelect
                          label={`Rattacher « ${value.text} » à`}
                          placeholder="— choisir —"
                          entries={entries}
                          busy={busy}
                          onChoose={(code) => onRattach(value.kind, value.text, code)}
                          unknown={value.text}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableFrame>
        </>
      ) : null}

      {referentials ? <RecognizedValues values={report.recognized_values} referentials={referentials} busy={busy} onRattach={onRattach} /> : null}

      {report.rejected.length > 0 ? (
        <>
          <h3 className="fr-h5">Lignes non importées ({report.rejected.length})</h3>
          <ul id="import-rejected">
            {report.rejected.map((r) => (
              <li key={r.row}>
                Ligne {r.row} : {r.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {report.warnings.length > 0 ? (
        <details className="fr-mb-3w">
          <summary>Points à vérifier ({report.warnings.length}) — les personnes sont importées</summary>
          <ul id="import-warnings">
            {report.warnings.slice(0, 200).map((w, i) => (
              <li key={i}>
                Ligne {w.row}
                {w.column ? `, colonne « ${w.column} »` : ""} : {w.message}
              </li>
            ))}
            {report.warnings.length > 200 ? <li>… et {report.warnings.length - 200} autres.</li> : null}
          </ul>
        </details>
      ) : null}

      {changes.updated.length > 0 || changes.gone.length > 0 ? (
        <>
          <h3 className="fr-h5">Par rapport à l'édition</h3>
          {changes.updated.length > 0 ? (
            <details className="fr-mb-2w" open={changes.updated.length <= 10}>
              <summary>{changes.updated.length} personne(s) modifiée(s)</summary>
              <ul id="import-updated">
                {changes.updated.map((p, i) => (
                  <li key={i}>
                    {p.person.name} ({p.person.email ?? "sans e-mail"}) :{" "}
                    {p.changes.map((c) => `${c.field} « ${c.before} » → « ${c.after} »`).join(" ; ")}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {changes.gone.length > 0 ? (
            <details className="fr-mb-2w">
              <summary>{changes.gone.length} personne(s) de l'édition absente(s) de ce fichier (gardées)</summary>
              <ul id="import-gone">
                {changes.gone.map((p, i) => (
                  <li key={i}>
                    {p.name} ({p.email ?? "sans e-mail"})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}

      <HandEditedChoices values={changes.handEdited} take={take} onTake={onTake} />

      <div className="binomes-actions fr-mt-3w">
        <Button iconId="fr-icon-check-line" onClick={onConfirm} disabled={busy || report.stored === 0} nativeButtonProps={{ id: "import-confirm" }}>
          Importer {report.stored} personne{report.stored > 1 ? "s" : ""}
        </Button>
        <Button priority="secondary" onClick={onOtherFile} disabled={busy}>
          Choisir un autre fichier
        </Button>
        <Button priority="tertiary" onClick={onCancel} disabled={busy}>
          Annuler
        </Button>
      </div>
    </div>
  );
}
