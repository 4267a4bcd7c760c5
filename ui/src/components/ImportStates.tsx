import type { ImportReport } from "../bindings/ImportReport";

/** What an import report says about application states and duplicates: students by state,
 * who will not take part under the retained states, the rows of one person and which was kept,
 * and probable duplicates for the organiser to look at. The sentences are the engine's (the
 * command line prints the same). */
export function ImportStates({ report }: { report: ImportReport }) {
  const { duplicates, probable_duplicates: probable } = report;
  if (report.states_text === null && duplicates.length === 0 && probable.length === 0) return null;
  return (
    <div id="import-states" className="fr-mb-3w">
      {report.states_text !== null ? (
        <p className="fr-mb-1w" id="import-state-counts">
          {report.states_text}
        </p>
      ) : null}
      {report.not_taking_part_text !== null ? (
        <div
          className={`fr-alert fr-alert--sm fr-mb-2w ${report.not_taking_part > 0 ? "fr-alert--warning" : "fr-alert--info"}`}
          id="import-not-taking-part"
        >
          <p>{report.not_taking_part_text}</p>
        </div>
      ) : null}
      {duplicates.length > 0 ? (
        <details className="fr-mb-2w" open={duplicates.length <= 5}>
          <summary>
            {duplicates.length} personne(s) sur plusieurs lignes (même adresse e-mail) : une ligne gardée, les autres écartées
          </summary>
          <ul id="import-duplicates">
            {duplicates.map((d) => (
              <li key={d.email} data-kept={d.kept_row}>
                {d.email} : ligne {d.kept_row} gardée ({d.reason}) ; ligne(s) {d.set_aside.join(", ")} écartée(s)
                {d.filled.length > 0 ? ` ; complétée avec ${d.filled.map((f) => `${f.field} (ligne ${f.row})`).join(", ")}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {probable.length > 0 ? (
        <details className="fr-mb-2w" open>
          <summary>{probable.length} doublon(s) probable(s) avec des adresses e-mail différentes — à vérifier, non fusionnés</summary>
          <ul id="import-probable-duplicates">
            {probable.map((p) => (
              <li key={p.rows.join("-")}>
                Lignes {p.rows.join(", ")} : {p.people.join(" / ")} — {p.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
