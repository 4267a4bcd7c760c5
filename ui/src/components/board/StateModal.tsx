import { createModal } from "../../modal";

export const stateModal = createModal({ id: "state-modal", isOpenedByDefault: false });

/** Pairing by hand a student whose application is outside the retained states: asked first. */
export function StateModal({ question, onConfirm }: { question: string | null; onConfirm: () => void }) {
  return (
    <stateModal.Component
      title="Dossier hors des états retenus"
      buttons={[
        { children: "Annuler", priority: "secondary" },
        { children: "Apparier quand même", onClick: onConfirm, nativeButtonProps: { id: "state-confirm" } },
      ]}
    >
      <p id="state-question">{question ?? ""}</p>
      <p className="fr-text--sm">
        La proposition automatique ne l'apparie pas tant que les règles ne retiennent pas cet état ; un binôme fait à la main
        est gardé et le dit dans ses raisons.
      </p>
    </stateModal.Component>
  );
}
