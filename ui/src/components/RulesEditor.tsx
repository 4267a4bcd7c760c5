import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../api";
import type { RulesView } from "../bindings/RulesView";
import type { Weights } from "../bindings/Weights";
import { ErrorAlert } from "./ErrorAlert";
import { useAction } from "../useAction";

/** The rules and weights of the suggestion, editable, with the notice they make. */
/** `version` changing reads the rules again (changed elsewhere: the board's retained states);
 * `onSaved` is told once they are saved (the board then reads itself again). */
export function RulesEditor({ edition, version = 0, onSaved }: { edition: number; version?: number; onSaved?: () => void }) {
  const [view, setView] = useState<RulesView | null>(null);
  const { error, attempt, fail, clearError } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    api.getRules(edition).then(setView, fail);
  }, [edition, version, fail]);
  if (!view) return error ? <ErrorAlert title="Règles illisibles" message={error} /> : null;
  const { rules } = view;
  const change = (next: typeof rules) => {
    setSaved(null);
    setView({ ...view, rules: next });
  };
  const save = () =>
    attempt(async () => {
      await api.setRules(edition, rules);
      setView(await api.getRules(edition));
      setSaved("Règles enregistrées : elles s'appliquent à la prochaine proposition.");
      onSaved?.();
    });
  return (
    <details className="fr-mb-3w" id="rules-editor">
      <summary>Règles et poids de la proposition</summary>
      <ErrorAlert title="Action impossible" message={error} onClose={clearError} />
      <div className="binomes-rules">
        {view.labels.map(({ name, label }) => (
          <label key={name} className="fr-label">
            {label}
            <input
              className="fr-input"
              type="number"
              min={0}
              max={1000}
              data-weight={name}
              value={rules.weights[name as keyof Weights]}
              onChange={(e) =>
                change({ ...rules, weights: { ...rules.weights, [name]: Math.max(0, Number(e.target.value) || 0) } })
              }
            />
          </label>
        ))}
        <label className="fr-label">
          Distance maximale (km, vide : aucune)
          <input
            className="fr-input"
            type="number"
            min={0}
            id="max-distance"
            value={rules.maxDistanceKm ?? ""}
            onChange={(e) => change({ ...rules, maxDistanceKm: e.target.value === "" ? null : Math.max(1, Number(e.target.value)) })}
          />
        </label>
      </div>
      <fieldset className="fr-fieldset fr-mt-2w">
        <legend className="fr-fieldset__legend--regular">Dossiers pris en compte</legend>
        {view.states.map(({ code: state, label }) => (
          <div className="fr-checkbox-group fr-checkbox-group--sm" key={state}>
            <input
              type="checkbox"
              id={`state-${state}`}
              checked={rules.acceptedStates.includes(state)}
              onChange={(e) =>
                change({
                  ...rules,
                  acceptedStates: e.target.checked
                    ? [...rules.acceptedStates, state]
                    : rules.acceptedStates.filter((s) => s !== state),
                })
              }
            />
            <label className="fr-label" htmlFor={`state-${state}`}>
              {label}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="fr-checkbox-group fr-checkbox-group--sm fr-mb-2w">
        <input
          type="checkbox"
          id="rules-fairness"
          checked={rules.fairness}
          onChange={(e) => change({ ...rules, fairness: e.target.checked })}
        />
        <label className="fr-label" htmlFor="rules-fairness">
          Personne de mal servi : relever d'abord le moins bon binôme (calcul plus long)
        </label>
      </div>
      <Button size="small" onClick={() => void save()} nativeButtonProps={{ id: "save-rules" }}>
        Enregistrer les règles
      </Button>
      <p role="status">{saved}</p>
      <h4 className="fr-h6">Notice (telle qu'elle figure dans le classeur exporté)</h4>
      <ul id="rules-notice">
        {view.notice.map((line, i) => (
          <li key={i} className="fr-text--sm">
            {line}
          </li>
        ))}
      </ul>
    </details>
  );
}
