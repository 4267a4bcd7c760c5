import { useCallback, useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { api } from "../api";
import type { KindView } from "../bindings/KindView";
import type { Message } from "../bindings/Message";
import type { MessageKind } from "../bindings/MessageKind";
import type { Templates } from "../bindings/Templates";
import type { TemplateField } from "../bindings/TemplateField";
import { roleLabel, templateOf, withTemplate } from "../notify";
import { ErrorAlert } from "./ErrorAlert";
import { NotifyPanel } from "./messages/NotifyPanel";
import { SmtpSettingsForm } from "./messages/SmtpSettingsForm";
import { useAction } from "../useAction";

/** The « Messages » tab: who is owed a message (« À prévenir ») and the waves that tell them,
 * the SMTP server, and every kind of message's templates, editable, with a preview per person. */
export function MessagesEditor({ edition, version }: { edition: number; version: number }) {
  const [templates, setTemplates] = useState<Templates | null>(null);
  const [fields, setFields] = useState<TemplateField[]>([]);
  const [kinds, setKinds] = useState<KindView[]>([]);
  const [kind, setKind] = useState<MessageKind>("newPair");
  const [messages, setMessages] = useState<Message[]>([]);
  const [selected, setSelected] = useState(0);
  const { error, attempt, fail, clearError } = useAction();
  const [saved, setSaved] = useState<string | null>(null);

  // The templates once; the preview again whenever the pairs change (`version`) or another
  // kind is shown, without touching what the organiser is typing.
  useEffect(() => {
    api.getTemplates(edition).then(
      (view) => {
        setTemplates(view.templates);
        setFields(view.fields);
        setKinds(view.kinds);
      },
      fail,
    );
  }, [edition, fail]);
  const loadPreview = useCallback(() => {
    api.previewKind(edition, kind).then((m) => {
      setMessages(m);
      setSelected(0);
    }, fail);
  }, [edition, kind, fail]);
  useEffect(loadPreview, [loadPreview, version]);

  const save = async () => {
    if (!templates) return;
    await attempt(async () => {
      await api.setTemplates(edition, templates);
      setMessages(await api.previewKind(edition, kind));
      setSaved("Modèles enregistrés : l'aperçu est à jour.");
    });
  };

  if (!templates) return <p>Chargement…</p>;
  const edit = (change: Partial<Templates>) => {
    setSaved(null);
    setTemplates({ ...templates, ...change });
  };
  const roles = kinds.find((k) => k.kind === kind)?.roles ?? [];
  const shown = messages[selected];
  return (
    <div id="messages-editor">
      <NotifyPanel edition={edition} version={version} onChanged={loadPreview} />
      <SmtpSettingsForm edition={edition} />
      <h2 className="fr-h5">Modèles des messages</h2>
      <ErrorAlert title="Action impossible" message={error} onClose={clearError} />
      <p className="fr-text--sm">
        Champs utilisables, entre accolades :{" "}
        {fields.map((f) => (
          <span key={f.name} title={f.description}>
            <code>{`{${f.name}}`}</code>{" "}
          </span>
        ))}
        . Devant un nom d'administration, d'école ou de lieu, <code>{"{à champ}"}</code>, <code>{"{de champ}"}</code> et{" "}
        <code>{"{le champ}"}</code> écrivent l'article : « au Ministère », « à l'IUT », « de la Direction », « des Archives ».
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Signature (organisateur)" nativeInputProps={{ value: templates.organiserName, onChange: (e) => edit({ organiserName: e.target.value }) }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="E-mail de l'organisateur" nativeInputProps={{ type: "email", value: templates.organiserEmail, onChange: (e) => edit({ organiserEmail: e.target.value }) }} />
        </div>
        <div className="fr-col-12">
          <Input
            label="Mention du traitement algorithmique (article L311-3-1 du CRPA)"
            hintText="Dans chaque message qui annonce un binôme ou l'absence de binôme : à la place de {mention_algorithme}, ou à la fin."
            textArea
            nativeTextAreaProps={{ id: "algorithm-notice", rows: 4, value: templates.algorithmNotice, onChange: (e) => edit({ algorithmNotice: e.target.value }) }}
          />
        </div>
        <div className="fr-col-12">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="template-kind">
              Message
            </label>
            <select className="fr-select" id="template-kind" value={kind} onChange={(e) => setKind(e.target.value as MessageKind)}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label.charAt(0).toUpperCase() + k.label.slice(1)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {roles.map((role) => {
          const template = templateOf(templates, kind, role);
          if (!template) return null;
          const set = (change: Partial<typeof template>) => {
            setSaved(null);
            setTemplates(withTemplate(templates, kind, role, { ...template, ...change }));
          };
          return (
            <div className={`fr-col-12 fr-col-md-${roles.length > 1 ? 6 : 12}`} key={role}>
              <h3 className="fr-h6">{role === "student" ? "Aux étudiants" : "Aux ambassadeurs"}</h3>
              <Input label="Objet" nativeInputProps={{ id: `${role}-subject`, value: template.subject, onChange: (e) => set({ subject: e.target.value }) }} />
              <Input
                label="Message"
                textArea
                nativeTextAreaProps={{ id: `${role}-body`, rows: 12, value: template.body, onChange: (e) => set({ body: e.target.value }) }}
              />
            </div>
          );
        })}
      </div>
      <Button onClick={() => void save()} nativeButtonProps={{ id: "save-templates" }}>
        Enregistrer les modèles
      </Button>
      <p role="status" className="fr-mt-2w">
        {saved}
      </p>
      <h2 className="fr-h5 fr-mt-4w">Aperçu</h2>
      {messages.length === 0 ? (
        <p>Personne à qui montrer ce message pour l'instant : l'aperçu apparaîtra avec les premiers inscrits.</p>
      ) : (
        <>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="preview-person">
              Destinataire
            </label>
            <select className="fr-select" id="preview-person" value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
              {messages.map((m, i) => (
                <option key={i} value={i}>
                  {m.toName} ({roleLabel(m.role)}) {m.toEmail ? `— ${m.toEmail}` : "— sans e-mail"}
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
