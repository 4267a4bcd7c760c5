import { useId, type KeyboardEvent } from "react";
// Built by scripts/build-map.mjs (sources and licences: assets/DATA_SOURCES.md); bundled, no network.
import map from "../../../assets/carte/departements.json";

export type MapValue = { value: number; label: string };

/** Sequential scale, light to dark, from the DSFR's blue France (975, 850, 625, …, sun 113). */
export const PALETTE = ["#f5f5fe", "#cacafb", "#8585f6", "#4343c4", "#000091"] as const;
/** Départements without a value. */
export const NO_DATA = "#e5e5e5";

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const formatNumber = (n: number) => numberFormat.format(n).replace(/\u202f/g, "\u00a0");

/**
 * Class bounds by quantiles: `[min, u1, …, uk]` with k ≤ `classes` strictly increasing upper bounds
 * (fewer classes when values repeat). The first class is `[min, u1]`, class i is `(u(i-1), ui]`; the
 * last upper bound is the maximum. Non-finite values are ignored; no value gives `[]`.
 */
export function classify(values: number[], classes = 5): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const first = sorted[0];
  if (first === undefined) return [];
  const k = Math.max(1, Math.floor(classes));
  const bounds = [first];
  for (let i = 1; i <= k; i++) {
    const upper = sorted[Math.ceil((i * sorted.length) / k) - 1] ?? first;
    if (bounds.length === 1 || upper > bounds[bounds.length - 1]!) bounds.push(upper);
  }
  return bounds;
}

/** Index of the class of `value` (clamped to the first and last), or null without classes. */
export function classOf(value: number, bounds: number[]): number | null {
  const count = bounds.length - 1;
  if (count < 1) return null;
  for (let i = 0; i < count; i++) if (value <= bounds[i + 1]!) return i;
  return count - 1;
}

/** The colour of class `index` out of `count`, spread over the palette. */
export function classColour(index: number, count: number): string {
  const last = PALETTE.length - 1;
  const at = count <= 1 ? Math.floor(last / 2) : Math.round((Math.min(index, count - 1) * last) / (count - 1));
  return PALETTE[Math.min(at, last)]!;
}

/** One label per class: "3", "1 à 4", "5 à 12" for whole numbers; "plus de 0,5 à 1,25" otherwise. */
export function classLabels(bounds: number[], integers: boolean): string[] {
  const labels: string[] = [];
  for (let i = 1; i < bounds.length; i++) {
    const upper = bounds[i]!;
    const previous = bounds[i - 1]!;
    if (i === 1 || integers) {
      const lower = i === 1 ? previous : previous + 1;
      labels.push(lower >= upper ? formatNumber(upper) : `${formatNumber(lower)} à ${formatNumber(upper)}`);
    } else {
      labels.push(`plus de ${formatNumber(previous)} à ${formatNumber(upper)}`);
    }
  }
  return labels;
}

type Props = {
  /** Key: INSEE code of the département ("01", "2A", "971"…). */
  values: Map<string, MapValue>;
  title: string;
  /** What the values are, shown above the classes ("Étudiants inscrits"). */
  legend: string;
  onSelect?: (code: string) => void;
};

/**
 * Choropleth map of France by département, overseas in insets; drawn offline from the bundled outlines.
 * Each département's tooltip gives its code, label and value. With `onSelect`, départements are buttons
 * (click, Enter or Space); the SVG is then a group rather than one image, so that they can be reached.
 */
export function FranceMap({ values, title, legend, onSelect }: Props) {
  const id = useId();
  const titleId = `${id}-titre`;
  const descId = `${id}-desc`;
  // Classes from the départements drawn only, so that the legend describes the map.
  const known = map.departements.map((d) => values.get(d.code)?.value ?? NaN).filter(Number.isFinite);
  const bounds = classify(known);
  const count = Math.max(0, bounds.length - 1);
  const labels = classLabels(bounds, known.every(Number.isInteger));

  const select = (code: string) => (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect?.(code);
    }
  };

  return (
    <figure className="fr-m-0">
      <svg
        role={onSelect ? "group" : "img"}
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={map.viewBox}
        width="100%"
        style={{ display: "block", maxWidth: "48rem", height: "auto" }}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>
          {`${legend} : ${known.length} départements renseignés sur ${map.departements.length}` +
            (count ? ` ; classes : ${labels.join(" ; ")}.` : ".")}
        </desc>
        <g fill="none" stroke="#cecece" strokeWidth={0.6}>
          {map.insets.map((b) => (
            <rect key={b.code} x={b.x} y={b.y} width={b.width} height={b.height} />
          ))}
        </g>
        <g stroke="#929292" strokeWidth={0.4} strokeLinejoin="round">
          {map.departements.map((d) => {
            const entry = values.get(d.code);
            const index = entry && Number.isFinite(entry.value) ? classOf(entry.value, bounds) : null;
            const text = entry
              ? `${d.code} ${entry.label}\u00a0: ${formatNumber(entry.value)}`
              : `${d.code} ${d.nom}\u00a0: pas de données`;
            const fill = index === null ? NO_DATA : classColour(index, count);
            return onSelect ? (
              <path
                key={d.code}
                d={d.path}
                fill={fill}
                role="button"
                tabIndex={0}
                aria-label={text}
                style={{ cursor: "pointer" }}
                onClick={() => onSelect(d.code)}
                onKeyDown={select(d.code)}
              >
                <title>{text}</title>
              </path>
            ) : (
              <path key={d.code} d={d.path} fill={fill}>
                <title>{text}</title>
              </path>
            );
          })}
        </g>
      </svg>
      <figcaption>
        <p className="fr-text--sm fr-mb-1v">{legend}</p>
        <ul
          className="fr-text--sm"
          style={{ listStyle: "none", display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem", padding: 0, margin: 0 }}
        >
          {labels.map((label, i) => (
            <li key={label} style={{ display: "flex", alignItems: "center", gap: "0.375rem", padding: 0 }}>
              <Swatch colour={classColour(i, count)} />
              {label}
            </li>
          ))}
          <li style={{ display: "flex", alignItems: "center", gap: "0.375rem", padding: 0 }}>
            <Swatch colour={NO_DATA} />
            pas de données
          </li>
        </ul>
        <p className="fr-text--xs fr-mt-1v fr-mb-0">Fond de carte : {map.source}</p>
      </figcaption>
    </figure>
  );
}

function Swatch({ colour }: { colour: string }) {
  return (
    <span
      aria-hidden="true"
      style={{ display: "inline-block", width: "1rem", height: "1rem", background: colour, border: "1px solid #929292" }}
    />
  );
}
