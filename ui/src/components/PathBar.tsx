import { useEffect, useRef } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { FrIconClassName } from "@codegouvfr/react-dsfr/fr/generatedFromCss/classNames";
import type { EditionSummary } from "../bindings/EditionSummary";
import { countLabel } from "../format";

/** What the bar asks the page to do: a tab to show, an import to start, a button to press there. */
export type PathAction =
  | { kind: "import"; role: "student" | "ambassador" }
  | { kind: "tab"; tab: string; then?: "suggest" | "export" | "board" };

type Step = { id: string; label: string; state: string; done: boolean };

/** The steps of a season and where the edition is on each, from its counts. Pure (tested). */
export function pathSteps(summary: Pick<EditionSummary, "students" | "ambassadors" | "pairs">): Step[] {
  const imported = summary.students > 0 && summary.ambassadors > 0;
  const paired = summary.pairs > 0;
  return [
    {
      id: "importer",
      label: "Importer",
      done: imported,
      state: imported
        ? `${countLabel(summary.students, "étudiant", "étudiants", "aucun étudiant")}, ${countLabel(summary.ambassadors, "ambassadeur", "ambassadeurs", "aucun ambassadeur")}`
        : summary.students > 0
          ? "ambassadeurs à importer"
          : summary.ambassadors > 0
            ? "étudiants à importer"
            : "à faire",
    },
    { id: "proposer", label: "Proposer", done: paired, state: paired ? "fait" : imported ? "à faire" : "après l'import" },
    { id: "ajuster", label: "Ajuster", done: false, state: paired ? countLabel(summary.pairs, "binôme", "binômes", "aucun binôme") : "après la proposition" },
    { id: "exporter", label: "Exporter", done: false, state: paired ? "le classeur, quand vous voulez" : "après la proposition" },
    { id: "prevenir", label: "Prévenir", done: false, state: paired ? "les personnes, par messages" : "après la proposition" },
  ];
}

/**
 * The organiser's path (#18): at the top of the edition, and always in view on the board (sticky;
 * elsewhere the page is short, and forms scrolled under a stuck bar would hide), the steps of the
 * season with where the edition is on each, and the actions of each step, so that none waits at
 * the bottom of a long board. What an action did is said here, in `#path-result` (the panels
 * write into it), and announced (role=status).
 */
export function PathBar({
  summary,
  onAction,
  sticky,
}: {
  summary: EditionSummary;
  onAction: (action: PathAction) => void;
  /** Stuck to the top of the window (on the board, the long page); else in its place. */
  sticky: boolean;
}) {
  const steps = pathSteps(summary);
  // Its height, for what sticks below it (the board's side panel and column headers).
  const bar = useRef<HTMLElement>(null);
  useEffect(() => {
    const node = bar.current;
    if (!node || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement.style;
    if (!sticky) return;
    const observer = new ResizeObserver(() => root.setProperty("--binomes-path-height", `${node.offsetHeight}px`));
    observer.observe(node);
    return () => {
      observer.disconnect();
      root.removeProperty("--binomes-path-height");
    };
  }, [sticky]);
  // `hidden`: words said to screen readers before the label, which the step's title shows.
  const actions: Record<string, { id: string; label: string; hidden?: string; action: PathAction; icon: FrIconClassName }[]> = {
    importer: [
      { id: "import-students", label: "Étudiants…", hidden: "Importer les ", action: { kind: "import", role: "student" }, icon: "fr-icon-upload-line" },
      { id: "import-ambassadors", label: "Ambassadeurs…", hidden: "Importer les ", action: { kind: "import", role: "ambassador" }, icon: "fr-icon-upload-line" },
    ],
    proposer: [{ id: "path-suggest", label: "Proposer les binômes…", action: { kind: "tab", tab: "pairs", then: "suggest" }, icon: "fr-icon-team-line" }],
    ajuster: [{ id: "path-board", label: "Ouvrir le tableau", action: { kind: "tab", tab: "pairs", then: "board" }, icon: "fr-icon-table-line" }],
    exporter: [{ id: "path-export", label: "Exporter le classeur…", action: { kind: "tab", tab: "pairs", then: "export" }, icon: "fr-icon-file-download-line" }],
    prevenir: [{ id: "path-notify", label: "Prévenir…", action: { kind: "tab", tab: "messages" }, icon: "fr-icon-mail-line" }],
  };
  return (
    <nav ref={bar} className={sticky ? "binomes-path binomes-path--sticky" : "binomes-path"} id="parcours" aria-label="Étapes de la saison et actions" tabIndex={-1}>
      <ol className="binomes-path__steps">
        {steps.map((step, i) => (
          <li key={step.id} className={`binomes-path__step${step.done ? " binomes-path__step--done" : ""}`} data-step={step.id}>
            <p className="binomes-path__title">
              <span className="binomes-path__number" aria-hidden="true">
                {step.done ? "✓" : i + 1}
              </span>
              <strong>{step.label}</strong>
              <span className="fr-sr-only">{step.done ? " (fait)" : ""} :</span> <span className="binomes-path__state">{step.state}</span>
            </p>
            <div className="binomes-path__actions">
              {(actions[step.id] ?? []).map((a) => (
                <Button key={a.id} size="small" priority={step.done ? "tertiary" : "secondary"} iconId={a.icon} onClick={() => onAction(a.action)} nativeButtonProps={{ id: a.id }}>
                  {a.hidden ? <span className="fr-sr-only">{a.hidden}</span> : null}
                  {a.label}
                </Button>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {/* The panels write what their actions did here (a portal), in view whatever the scroll. */}
      <div id="path-result" className="binomes-path__result" />
    </nav>
  );
}
