import { useCallback, useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { api } from "../api";
import type { Message } from "../bindings/Message";
import type { Templates } from "../bindings/Templates";
import type { TemplateField } from "../bindings/TemplateField";
import { ErrorAlert } from "./ErrorAlert";
import { useAction } from "../useAction";

/** The messages' templates, editable, with the fields they may use and a preview per person. */
export function MessagesEditor({ edition, version }: { edition: number; version: number }) {
  const [templates, setTemplates] = useState<Templates | null>(null);
  const [fields, setFields] = useState<TemplateField[]>([]);
  const [messages, setMessages] = useState<Message[]>([]);
  const [selected, setSelected] = useState(0);
  const { error, attempt, fail, clearError } = useAction();
  const [saved, setSaved] = useState<string | null>(null);

  // The templates once; the preview again whenever the pairs change (`version`), without
  // touching what the organiser is typing.
  useEffect(() => {
    api.getTemplates(edition).then(
      (view) => {
        setTemplates(view.templates);
        setFields(view.fields);
      },
      fail,
    );
  }, [edition, fail]);
  const loadPreview = useCallback(() => {
    api.previewMessages(edition).then(setMessages, fail);
  }, [edition, fail]);
  useEffect(loadPreview, [loadPreview, version]);

  const save = async () => {
    if (!templates) return;
    await attempt(async () => {
      await api.setTemplates(edition, templates);
      setMessages(await api.previewMessages(edition));
      setSaved("Modèles enregistrés : l'aperçu est à jour.");
    });
  };

  if (!templates) return <p>Chargement…</p>;
  const edit = (change: Partial<Templates>) => {
    setSaved(null);
    setTemplates({ ...templates, ...change });
  };
  const shown = messages[selected];
  return (
    <div id="messages-editor">
      <ErrorAlert title="Action impossible" message={error} onClose={clearError} />
      <p className="fr-text--sm">
        Champs utilisables, entre accolades :{" "}
        {fields.map((f) => (
          <span key={f.name} title={f.description}>
            <code>{`{${f.name}}`}</code>{" "}
          </span>
        ))}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Signature (organisateur)" nativeInputProps={{ value: templates.organiserName, onChange: (e) => edit({ organiserName: e.target.value }) }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="E-mail de l'organisateur" nativeInputProps={{ type: "email", value: templates.organiserEmail, onChange: (e) => edit({ organiserEmail: e.target.value }) }} />
        </div>
        {(["student", "ambassador"] as const).map((role) => (
          <div className="fr-col-12 fr-col-md-6" key={role}>
            <h3 className="fr-h6">{role === "student" ? "Message aux étudiants" : "Message aux ambassadeurs"}</h3>
            <Input
              label="Objet"
              nativeInputProps={{
                id: `${role}-subject`,
                value: templates[role].subject,
                onChange: (e) => edit({ [role]: { ...templates[role], subject: e.target.value } }),
              }}
            />
            <Input
              label="Message"
              textArea
              nativeTextAreaProps={{
                id: `${role}-body`,
                rows: 12,
                value: templates[role].body,
                onChange: (e) => edit({ [role]: { ...templates[role], body: e.target.value } }),
              }}
            />
          </div>
        ))}
      </div>
      <Button onClick={() => void save()} nativeButtonProps={{ id: "save-templates" }}>
        Enregistrer les modèles
      </Button>
      <p role="status" className="fr-mt-2w">
        {saved}
      </p>
      <h3 className="fr-h5 fr-mt-4w">Aperçu</h3>
      {messages.length === 0 ? (
        <p>Aucun binôme : l'aperçu apparaîtra quand des binômes seront proposés.</p>
      ) : (
        <>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="preview-person">
              Destinataire
            </label>
            <select className="fr-select" id="preview-person" value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
              {messages.map((m, i) => (
                <option key={i} value={i}>
                  {m.toName} ({m.role === "student" ? "étudiant" : "ambassadeur"}) {m.toEmail ? `— ${m.toEmail}` : "— sans e-mail"}
                </option>
              ))}
            </select>
          </div>
          {shown ? (
            <div className="fr-card fr-p-3w" id="message-preview">
              <p className="fr-text--bold">Objet : {shown.subject}</p>
              <pre className="binomes-message">{shown.body}</pre>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
