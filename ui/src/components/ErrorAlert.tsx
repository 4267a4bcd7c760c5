import { Alert } from "@codegouvfr/react-dsfr/Alert";

/** An error message in French, announced to screen readers. */
export function ErrorAlert({ title, message, onClose }: { title: string; message: string | null; onClose?: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" className="fr-mb-3w">
      <Alert
        severity="error"
        title={title}
        description={message}
        small={false}
        closable={onClose !== undefined}
        onClose={onClose}
      />
    </div>
  );
}
