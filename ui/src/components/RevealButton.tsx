import { useState } from "react";
import { api } from "../api";
import { useAction } from "../useAction";
import { ErrorAlert } from "./ErrorAlert";

/** « Ouvrir le dossier » beside a « file written » result: the system's file manager on that
 * file or folder (only one the app wrote this session; the shell checks). */
export function RevealButton({ path, id }: { path: string; id: string }) {
  const action = useAction();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button
        type="button"
        id={id}
        className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-folder-2-line fr-btn--icon-left fr-mb-1w"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            await api.revealWritten(path);
            setOpened(true);
          })
        }
      >
        Ouvrir le dossier
      </button>
      {opened ? <span className="fr-sr-only" role="status">Dossier ouvert dans l'explorateur de fichiers.</span> : null}
      <ErrorAlert title="Dossier non ouvert" message={action.error} onClose={action.clearError} />
    </>
  );
}
