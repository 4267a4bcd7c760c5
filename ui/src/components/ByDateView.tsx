import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { api, toApiError } from "../api";
import type { DateView } from "../bindings/DateView";
import type { DatedPair } from "../bindings/DatedPair";
import { ErrorAlert } from "./ErrorAlert";
import { TableFrame } from "./TableFrame";

/** One day's visits (or the undated, or the cancelled ones) as a table: who goes where. */
function Visits({ id, caption, pairs }: { id: string; caption: string; pairs: DatedPair[] }) {
  return (
    // The day's heading shows above; the caption names the table for screen readers.
    <TableFrame noCaption>
      <table id={id} className="binomes-by-date__table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ambassadeur</th>
            <th scope="col">Administration, service</th>
            <th scope="col">Lieu</th>
            <th scope="col">Étudiant</th>
            <th scope="col">Contacts</th>
            <th scope="col">Statut</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p) => (
            <tr key={p.pair} data-pair={p.pair}>
              <td>
                <strong>{p.ambassador}</strong>
                {p.job ? <span className="fr-text--xs fr-mb-0 binomes-block">{p.job}</span> : null}
              </td>
              <td>{[p.administration, p.service].filter((x) => x).join(" — ") || "—"}</td>
              <td>{p.place ?? "—"}</td>
              <td>{p.student}</td>
              <td className="fr-text--xs">
                {[p.studentEmail, p.studentPhone].filter((x) => x).join(" · ") || "—"}
                <br />
                {[p.ambassadorEmail, p.ambassadorPhone].filter((x) => x).join(" · ") || "—"}
              </td>
              <td>
                {p.statusLabel}
                {p.note ? <span className="fr-text--xs binomes-block">{p.note}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** The view by date (#17): the pairs grouped by the day they agreed on — who goes where, which
 * day —, those without a date apart, the cancelled ones last. Printed, only this view prints
 * (app.css, `#by-date-view`). */
export function ByDateView({ edition }: { edition: number }) {
  const [view, setView] = useState<DateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.pairsByDate(edition).then(
      (v) => live && setView(v),
      (e) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [edition]);
  if (error) return <ErrorAlert title="Impossible de lire les binômes" message={error} />;
  if (!view) return <p>Chargement…</p>;
  const undatedCaption = view.officialDay
    ? `Sans date convenue (jour J : ${view.officialDay}) — ${view.undated.length} visite(s)`
    : `Sans date convenue — ${view.undated.length} visite(s)`;
  return (
    <section id="by-date-view" aria-labelledby="by-date-title" className="binomes-by-date">
      <div className="binomes-actions binomes-no-print">
        <h2 id="by-date-title" className="fr-h5 fr-mb-0">
          Par date — {view.edition}
        </h2>
        <Button size="small" priority="secondary" onClick={() => window.print()} nativeButtonProps={{ id: "by-date-print" }}>
          Imprimer
        </Button>
      </div>
      <p className="fr-text--sm" id="by-date-summary">
        {view.days.reduce((n, d) => n + d.pairs.length, 0) + view.undated.length} visite(s) : {view.days.length} jour(s) convenu(s), {view.undated.length} sans date
        {view.cancelled.length > 0 ? `, ${view.cancelled.length} annulée(s)` : ""}. La date se convient binôme par binôme
        (« Date convenue » dans le tableau des binômes).
      </p>
      {view.days.length === 0 && view.undated.length === 0 ? <p>Aucun binôme pour l'instant.</p> : null}
      {view.days.map((day) => (
        <div key={day.date} className="binomes-by-date__day" data-day={day.date}>
          <h3 className="fr-h6 fr-mt-2w fr-mb-1w">
            {day.label}{" "}
            {day.official ? (
              <Badge small noIcon severity="info">
                jour J
              </Badge>
            ) : null}
          </h3>
          <Visits id={`by-date-${day.date}`} caption={`${day.label} — ${day.pairs.length} visite(s)`} pairs={day.pairs} />
        </div>
      ))}
      {view.undated.length > 0 ? (
        <div className="binomes-by-date__day" data-day="undated">
          <h3 className="fr-h6 fr-mt-2w fr-mb-1w">Sans date convenue</h3>
          <Visits id="by-date-undated" caption={undatedCaption} pairs={view.undated} />
        </div>
      ) : null}
      {view.cancelled.length > 0 ? (
        <div className="binomes-by-date__day" data-day="cancelled">
          <h3 className="fr-h6 fr-mt-2w fr-mb-1w">Annulés</h3>
          <Visits id="by-date-cancelled" caption={`Binômes annulés — ${view.cancelled.length}`} pairs={view.cancelled} />
        </div>
      ) : null}
    </section>
  );
}
