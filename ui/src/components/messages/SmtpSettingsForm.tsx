import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { api } from "../../api";
import type { SmtpSettings } from "../../bindings/SmtpSettings";
import { useAction } from "../../useAction";
import { ErrorAlert } from "../ErrorAlert";

/** The SMTP server messages leave through; the password goes to the system's credential store. */
export function SmtpSettingsForm({ edition }: { edition: number }) {
  const [settings, setSettings] = useState<SmtpSettings | null>(null);
  const [hasPassword, setHasPassword] = useState(false);
  const [password, setPassword] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run, fail, clearError } = useAction();
  useEffect(() => {
    api.getSmtpSettings(edition).then((view) => {
      setSettings(view.settings);
      setHasPassword(view.hasPassword);
    }, fail);
  }, [edition, fail]);
  if (!settings) return null;
  const edit = (change: Partial<SmtpSettings>) => setSettings({ ...settings, ...change });
  const save = () =>
    run(async () => {
      await api.setSmtpSettings(edition, settings);
      if (password) {
        const kept = await api.saveSmtpPassword(edition, password);
        setPassword("");
        setHasPassword(true);
        setNotice(
          kept === "system"
            ? "Réglages enregistrés ; le mot de passe est gardé par le coffre de mots de passe du système (jamais dans la base Binômes)."
            : "Réglages enregistrés ; le mot de passe est gardé par le trousseau de la session (à saisir de nouveau après un redémarrage).",
        );
      } else setNotice("Réglages enregistrés.");
    });
  const test = () =>
    run(async () => {
      await api.setSmtpSettings(edition, settings);
      const reply = await api.sendTestMessage(edition);
      setNotice(`Message d'essai accepté par le serveur (${reply}). Vérifiez votre boîte de réception.`);
    });
  return (
    <details className="fr-mb-4w" id="smtp-settings">
      <summary className="fr-h6">Envoi des messages (serveur SMTP)</summary>
      <ErrorAlert title="Envoi impossible" message={error} onClose={clearError} />
      <p className="fr-text--sm">
        Binômes n'utilise le réseau que pour joindre ce serveur, quand vous envoyez. Sans serveur, écrivez des brouillons et envoyez-les
        avec votre messagerie.
      </p>
      <div style={{ maxWidth: "40rem" }}>
        <Input label="Serveur" nativeInputProps={{ id: "smtp-host", value: settings.host, placeholder: "smtp.exemple.gouv.fr", onChange: (e) => edit({ host: e.target.value }) }} />
        <Input label="Port" nativeInputProps={{ id: "smtp-port", type: "number", value: settings.port, onChange: (e) => edit({ port: Number(e.target.value) }) }} />
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="smtp-security">
            Sécurité
          </label>
          <select className="fr-select" id="smtp-security" value={settings.security} onChange={(e) => edit({ security: e.target.value as SmtpSettings["security"] })}>
            <option value="startTls">STARTTLS (port 587)</option>
            <option value="tls">TLS dès la connexion (port 465)</option>
            <option value="none">Aucune (serveur de cet ordinateur seulement)</option>
          </select>
        </div>
        <Input label="Identifiant" nativeInputProps={{ id: "smtp-login", value: settings.login, onChange: (e) => edit({ login: e.target.value }) }} />
        <Input
          label={hasPassword ? "Mot de passe (déjà gardé ; saisissez-en un pour le remplacer)" : "Mot de passe"}
          nativeInputProps={{ id: "smtp-password", type: "password", autoComplete: "off", value: password, onChange: (e) => setPassword(e.target.value) }}
        />
        <Input
          label="Messages par minute au plus (0 : sans limite)"
          nativeInputProps={{ id: "smtp-rate", type: "number", min: 0, value: settings.perMinute, onChange: (e) => edit({ perMinute: Number(e.target.value) }) }}
        />
        <Input
          label="Autorité de certification supplémentaire (fichier PEM, facultatif)"
          nativeInputProps={{ id: "smtp-certificate", value: settings.certificate ?? "", onChange: (e) => edit({ certificate: e.target.value || null }) }}
        />
      </div>
      <div className="binomes-actions">
        <Button onClick={() => void save()} disabled={busy} nativeButtonProps={{ id: "smtp-save" }}>
          Enregistrer
        </Button>
        <Button priority="secondary" onClick={() => void test()} disabled={busy} nativeButtonProps={{ id: "smtp-test" }}>
          Envoyer un message d'essai à moi-même
        </Button>
      </div>
      <p role="status" id="smtp-status">
        {notice}
      </p>
    </details>
  );
}
