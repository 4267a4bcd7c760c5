import { useEffect, useRef, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { api, toApiError } from "../api";
import type { Role } from "../bindings/Role";
import type { WhyDocument } from "../bindings/WhyDocument";

export const whyDocumentModal = createModal({ id: "why-document-modal", isOpenedByDefault: false });

/** Whose « Pourquoi ? » the document is. */
export type WhyTarget = { role: Role; id: number; name: string };

/** « Exporter cette explication… »: the organiser chooses where (native dialog), the engine
 * writes the one-page document (CRPA art. L311-3-1) there; what happened is said beside it. */
export function ExportWhyButton({ edition, target }: { edition: number; target: WhyTarget | null }) {
  const [said, setSaid] = useState("");
  // Whose explanation is shown: the save dialog leaves the window usable, and what happened to
  // one person's document is not said under another's.
  const shown = useRef(0);
  useEffect(() => {
    shown.current += 1;
    setSaid("");
  }, [target?.role, target?.id]);
  return (
    <div className="binomes-actions fr-mt-2w">
      <Button
        size="small"
        priority="secondary"
        iconId="fr-icon-download-line"
        disabled={target === null}
        onClick={() => {
          if (target === null) return;
          setSaid("");
          const asked = shown.current;
          const say = (text: string) => asked === shown.current && setSaid(text);
          api.exportWhy(edition, target.role, target.id).then(
            (path) => say(`Explication enregistrée : ${path}`),
            (e) => {
              const error = toApiError(e);
              say(error.cancelled ? "" : `Impossible d'enregistrer l'explication : ${error.message}`);
            },
          );
        }}
        nativeButtonProps={{ id: "export-why", title: target ? `Exporter l'explication de ${target.name}` : undefined }}
      >
        Exporter cette explication…
      </Button>
      <p role="status" id="export-why-status" className="fr-text--sm fr-mb-0">
        {said}
      </p>
    </div>
  );
}

/** « Pourquoi ? » for any student or ambassador, as the document says it: the rules and weights,
 * their values, their pair and its points or why they have none; shown, then exported on request. */
export function WhyDocumentModal({ edition, target }: { edition: number; target: WhyTarget | null }) {
  const [document, setDocument] = useState<WhyDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDocument(null);
    setError(null);
    if (target === null) return;
    let live = true;
    api.whyDocument(edition, target.role, target.id).then(
      (d) => live && setDocument(d),
      (e) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [edition, target?.role, target?.id]);
  return (
    <whyDocumentModal.Component title={`Pourquoi ? — ${target?.name ?? ""}`} size="large">
      <p className="fr-text--sm">
        Ce que l'organisateur envoie à la personne qui demande les règles de l'algorithme et la façon dont elles lui ont été
        appliquées (article L311-3-1 du code des relations entre le public et l'administration).
      </p>
      {error ? <p className="fr-error-text">{error}</p> : null}
      {document ? (
        // The document's text as it will be saved, styled by the window (its CSP allows no frame). Every value
        // from a sign-up form is escaped by the engine, and the CSP runs no inline script: two walls.
        <div id="why-document" className="binomes-why-document" tabIndex={0} aria-label={`Explication pour ${target?.name ?? ""}`} dangerouslySetInnerHTML={{ __html: document.body }} />
      ) : error ? null : (
        <p>Chargement…</p>
      )}
      <ExportWhyButton edition={edition} target={target} />
    </whyDocumentModal.Component>
  );
}
