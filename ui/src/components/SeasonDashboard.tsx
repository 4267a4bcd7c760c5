import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { api, toApiError } from "../api";
import type { EditionSummary } from "../bindings/EditionSummary";
import type { SeasonOverview } from "../bindings/SeasonOverview";
import type { SupplyDemand } from "../bindings/SupplyDemand";
import map from "../../../assets/carte/departements.json";
import { MAP_METRICS, compareEditions, compareSatisfaction, departementValues, signed, type MapMetric, type Snapshot } from "../season";
import { ErrorAlert } from "./ErrorAlert";
import { FranceMap } from "./FranceMap";
import { TableFrame } from "./TableFrame";

const departementNames = new Map(map.departements.map((d) => [d.code, d.nom]));

const percent = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((100 * part) / whole)} %`);

/** Two bars per line, demand and places, drawn for the eye; the table beside says the same. */
function Bars({ lines, max }: { lines: SupplyDemand[]; max: number }) {
  const width = (n: number) => `${max === 0 ? 0 : (100 * n) / max}%`;
  return (
    <div className="binomes-bars" aria-hidden="true">
      {lines.map((l) => (
        <div key={l.label} className="binomes-bars__line">
          <span className="binomes-bars__label">{l.label}</span>
          <span className="binomes-bars__track">
            <span className="binomes-bars__demand" style={{ width: width(l.demand) }} />
            <span className="binomes-bars__places" style={{ width: width(l.places) }} />
          </span>
        </div>
      ))}
    </div>
  );
}

function SupplyDemandTable({ id, title, lines, firstColumn, anyWish, name }: { id: string; title: string; lines: SupplyDemand[]; firstColumn: string; anyWish?: boolean; name?: (label: string) => string }) {
  return (
    <TableFrame>
      <table id={id}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col" className="binomes-number">
              Demandes{anyWish ? " (1er vœu)" : ""}
            </th>
            {anyWish ? (
              <th scope="col" className="binomes-number">
                Tous vœux
              </th>
            ) : null}
            <th scope="col" className="binomes-number">
              Places
            </th>
            <th scope="col" className="binomes-number">
              Placés
            </th>
            <th scope="col" className="binomes-number">
              Manque
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const missing = l.demand - l.places;
            return (
              <tr key={l.label}>
                <th scope="row">{name ? name(l.label) : l.label}</th>
                <td className="binomes-number">{l.demand}</td>
                {anyWish ? <td className="binomes-number">{l.demandAny}</td> : null}
                <td className="binomes-number">{l.places}</td>
                <td className="binomes-number">{l.placed}</td>
                <td className={`binomes-number${missing > 0 ? " binomes-missing" : ""}`}>{missing > 0 ? missing : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** The season at a glance: where ambassadors are missing, by métier, région and administration,
 * and how well the pairs meet the wishes. */
export function SeasonDashboard({ edition }: { edition: number }) {
  const [overview, setOverview] = useState<SeasonOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [metric, setMetric] = useState<MapMetric>("missing");
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  // The figures memorised for this edition, from the database (#18).
  useEffect(() => {
    setSnapshot(null);
    api.rememberedFigures(edition).then(setSnapshot, (e) => setError(toApiError(e).message));
  }, [edition]);
  const [editions, setEditions] = useState<EditionSummary[]>([]);
  const [otherId, setOtherId] = useState<number | null>(null);
  const [other, setOther] = useState<SeasonOverview | null>(null);
  const load = useCallback(() => {
    api.seasonOverview(edition).then(setOverview, (e) => setError(toApiError(e).message));
  }, [edition]);
  useEffect(load, [load]);
  useEffect(() => {
    api.listEditions().then((all) => setEditions(all.filter((e) => e.edition.id !== edition)), () => setEditions([]));
  }, [edition]);
  useEffect(() => {
    setOther(null);
    if (otherId === null) return;
    // Another edition chosen before this one's figures came: they are not shown under it.
    let live = true;
    api.seasonOverview(otherId).then(
      (o) => live && setOther(o),
      (e) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [otherId]);
  const mapValues = useMemo(() => (overview ? departementValues(overview.byDepartement, metric, departementNames) : new Map()), [overview, metric]);
  const remember = () => {
    if (!overview) return;
    // The engine takes the figures as they are now and keeps them with the edition.
    api.rememberFigures(edition).then(setSnapshot, (e) => setError(toApiError(e).message));
  };
  if (!overview) return error ? <ErrorAlert title="Tableau de bord indisponible" message={error} /> : <p>Chargement…</p>;
  const o = overview;
  const s = o.satisfaction;
  const jobs = o.byJob.slice(0, 15);
  const regions = o.byRegion;
  const max = (lines: SupplyDemand[]) => Math.max(1, ...lines.flatMap((l) => [l.demand, l.places]));
  const metricLabel = MAP_METRICS.find((m) => m.value === metric)?.label ?? "";
  const distances = ["même département", "≤ 50 km", "≤ 100 km", "≤ 300 km", "plus loin", "inconnue"];
  return (
    <div id="season">
      <ErrorAlert title="Tableau de bord indisponible" message={error} onClose={() => setError(null)} />
      <div className="binomes-actions fr-mb-2w">
        <p className="fr-text--lead fr-mb-0" id="season-headline">
          {o.students} étudiants, {o.ambassadors} ambassadeurs, {o.places} places.
          {o.excluded > 0 ? (
            <span className="fr-text--sm" id="season-excluded">
              {" "}
              (hors des états retenus : {o.excluded}, non comptés dans la demande)
            </span>
          ) : null}
        </p>
        <Button size="small" priority="tertiary" iconId="fr-icon-refresh-line" onClick={load} nativeButtonProps={{ id: "season-refresh" }}>
          Actualiser
        </Button>
      </div>

      <h2 className="fr-h5">Là où il manque des ambassadeurs</h2>
      {o.gaps.length === 0 ? (
        <p>Chaque métier a assez de places dans chaque région pour les premiers vœux.</p>
      ) : (
        <ul id="season-gaps">
          {o.gaps.slice(0, 12).map((g) => (
            <li key={`${g.job}-${g.region}`}>{g.sentence}</li>
          ))}
        </ul>
      )}

      <h2 className="fr-h5 fr-mt-4w">Métiers : demandes (1er vœu) et places</h2>
      <p className="fr-text--sm binomes-legend">
        <span className="binomes-bars__demand binomes-legend__swatch" /> demandes <span className="binomes-bars__places binomes-legend__swatch" /> places
      </p>
      <div className="binomes-season">
        <Bars lines={jobs} max={max(jobs)} />
        <SupplyDemandTable id="season-jobs" title="Métiers" firstColumn="Métier" lines={o.byJob} anyWish />
      </div>

      <h2 className="fr-h5 fr-mt-4w">Régions : étudiants et places</h2>
      <div className="binomes-season">
        <Bars lines={regions} max={max(regions)} />
        <SupplyDemandTable id="season-regions" title="Régions" firstColumn="Région" lines={regions} />
      </div>

      <h2 className="fr-h5 fr-mt-4w">Carte des départements</h2>
      <Select
        label="Ce que montre la carte"
        className="binomes-map-metric"
        nativeSelectProps={{ id: "season-map-metric", value: metric, onChange: (e) => setMetric(e.target.value as MapMetric) }}
      >
        {MAP_METRICS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </Select>
      <div className="binomes-season" id="season-map">
        <FranceMap values={mapValues} title={`${metricLabel}, par département`} legend={metricLabel} />
        <SupplyDemandTable
          id="season-departements"
          title="Départements"
          firstColumn="Département"
          lines={o.byDepartement}
          name={(code) => `${code} ${departementNames.get(code) ?? ""}`.trim()}
        />
      </div>

      <h2 className="fr-h5 fr-mt-4w">Administrations : souhaits et places</h2>
      <SupplyDemandTable id="season-administrations" title="Administrations" firstColumn="Administration" lines={o.byAdministration} />

      <h2 className="fr-h5 fr-mt-4w">Vœux satisfaits</h2>
      <TableFrame>
        <table id="season-satisfaction">
          <caption>Étudiants placés ({s.placed})</caption>
          <tbody>
            {["1er", "2e", "3e"].map((rank, i) => (
              <tr key={rank}>
                <th scope="row">Métier de leur {rank} vœu</th>
                <td className="binomes-number">{s.wish[i]}</td>
                <td className="binomes-number">{percent(s.wish[i] ?? 0, s.placed)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Un autre métier</th>
              <td className="binomes-number">{s.otherJob}</td>
              <td className="binomes-number">{percent(s.otherJob, s.placed)}</td>
            </tr>
            <tr>
              <th scope="row">Administration souhaitée obtenue</th>
              <td className="binomes-number">
                {s.gotAdministration} sur {s.wishedAdministration}
              </td>
              <td className="binomes-number">{percent(s.gotAdministration, s.wishedAdministration)}</td>
            </tr>
            {distances.map((label, i) => (
              <tr key={label}>
                <th scope="row">Distance : {label}</th>
                <td className="binomes-number">{s.distance[i]}</td>
                <td className="binomes-number">{percent(s.distance[i] ?? 0, s.placed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>

      <h2 className="fr-h5 fr-mt-4w">Comparer avec un état mémorisé</h2>
      <p className="fr-text--sm">
        Mémorisez les chiffres avant de changer des binômes ou les pondérations, puis revenez ici : les deux états sont comparés ligne à ligne. La
        mémoire reste sur cet ordinateur.
      </p>
      <Button size="small" priority="secondary" iconId="fr-icon-save-line" onClick={remember} nativeButtonProps={{ id: "season-remember" }}>
        Mémoriser ces chiffres
      </Button>
      {snapshot ? (
        <TableFrame>
          <table id="season-compare-runs">
            <caption>Mémorisé le {new Date(snapshot.at).toLocaleString("fr-FR")} et maintenant</caption>
            <thead>
              <tr>
                <th scope="col">Rubrique</th>
                <th scope="col" className="binomes-number">Mémorisé</th>
                <th scope="col" className="binomes-number">Maintenant</th>
                <th scope="col" className="binomes-number">Écart</th>
              </tr>
            </thead>
            <tbody>
              {compareSatisfaction(snapshot.satisfaction, s).map((l) => (
                <tr key={l.label}>
                  <th scope="row">{l.label}</th>
                  <td className="binomes-number">{l.before}</td>
                  <td className="binomes-number">{l.now}</td>
                  <td className="binomes-number">{signed(l.delta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}

      <h2 className="fr-h5 fr-mt-4w">Comparer avec une autre édition</h2>
      {editions.length === 0 ? (
        <p>Aucune autre édition pour comparer.</p>
      ) : (
        <Select
          label="Édition à comparer"
          nativeSelectProps={{ id: "season-other-edition", value: otherId ?? "", onChange: (e) => setOtherId(e.target.value === "" ? null : Number(e.target.value)) }}
        >
          <option value="">Choisir une édition</option>
          {editions.map((e) => (
            <option key={e.edition.id} value={e.edition.id}>
              {e.edition.name}
            </option>
          ))}
        </Select>
      )}
      {other ? <YearOverYear current={o} other={other} otherName={editions.find((e) => e.edition.id === otherId)?.edition.name ?? ""} /> : null}
    </div>
  );
}

function YearOverYear({ current, other, otherName }: { current: SeasonOverview; other: SeasonOverview; otherName: string }) {
  const { totals, jobs } = compareEditions(current, other);
  return (
    <>
      <TableFrame>
        <table id="season-compare-editions">
          <caption>Volumes : {otherName} et cette édition</caption>
          <thead>
            <tr>
              <th scope="col">Rubrique</th>
              <th scope="col" className="binomes-number">{otherName}</th>
              <th scope="col" className="binomes-number">Cette édition</th>
              <th scope="col" className="binomes-number">Écart</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((l) => (
              <tr key={l.label}>
                <th scope="row">{l.label}</th>
                <td className="binomes-number">{l.other}</td>
                <td className="binomes-number">{l.current}</td>
                <td className="binomes-number">{signed(l.delta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      <TableFrame>
        <table id="season-compare-jobs">
          <caption>Métiers : demandes (1er vœu) et places, {otherName} et cette édition</caption>
          <thead>
            <tr>
              <th scope="col">Métier</th>
              <th scope="col" className="binomes-number">Demandes {otherName}</th>
              <th scope="col" className="binomes-number">Demandes</th>
              <th scope="col" className="binomes-number">Écart</th>
              <th scope="col" className="binomes-number">Places {otherName}</th>
              <th scope="col" className="binomes-number">Places</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((l) => (
              <tr key={l.label}>
                <th scope="row">{l.label}</th>
                <td className="binomes-number">{l.other}</td>
                <td className="binomes-number">{l.current}</td>
                <td className="binomes-number">{signed(l.delta)}</td>
                <td className="binomes-number">{l.placesOther}</td>
                <td className="binomes-number">{l.placesCurrent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </>
  );
}
