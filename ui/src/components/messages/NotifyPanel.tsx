import { useCallback, useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api, onSendProgress } from "../../api";
import type { Audience } from "../../bindings/Audience";
import type { DraftsSummary } from "../../bindings/DraftsSummary";
import type { Owed } from "../../bindings/Owed";
import type { Plan } from "../../bindings/Plan";
import type { SendProgress } from "../../bindings/SendProgress";
import { chosenPeople, owedSummary, personKey, progressText, roleLabel } from "../../notify";
import { useAction } from "../../useAction";
import { ErrorAlert } from "../ErrorAlert";
import { NotificationLog } from "./NotificationLog";
import { RevealButton } from "../RevealButton";

/** « À prévenir »: who is owed a message and why; « Prévenir… » shows the count and the
 * recipients, then writes the wave as drafts or sends it (progress, pause, cancel, resume). */
export function NotifyPanel({ edition, version, onChanged }: { edition: number; version: number; onChanged: () => void }) {
  const [owed, setOwed] = useState<Owed[]>([]);
  const [finals, setFinals] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [plan, setPlan] = useState<Plan | null>(null);
  // Whom the plan shown is for: those owed, or everyone in a pair (a reminder, a thank-you).
  const [planned, setPlanned] = useState<Audience | null>(null);
  const [drafts, setDrafts] = useState<DraftsSummary | null>(null);
  const [progress, setProgress] = useState<SendProgress | null>(null);
  const [sending, setSending] = useState(false);
  const [unfinished, setUnfinished] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const { busy, error, run, fail, clearError } = useAction();

  const reload = useCallback(() => {
    api.toNotify(edition, finals).then(setOwed, fail);
    api.unfinishedWaves(edition).then(setUnfinished, fail);
    setLogVersion((v) => v + 1);
  }, [edition, finals, fail]);
  useEffect(reload, [reload, version]);
  useEffect(() => {
    let stop: (() => void) | undefined;
    void onSendProgress(setProgress).then((unlisten) => (stop = unlisten));
    return () => stop?.();
  }, []);

  const audience = (): Audience => ({ type: "owed", people: chosenPeople(owed, chosen), finals });
  const toggle = (o: Owed) => {
    const key = personKey(o.role, o.person);
    const next = new Set(chosen);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setChosen(next);
    setPlan(null);
  };
  const prepare = (target: Audience = audience()) =>
    run(async () => {
      setNotice(null);
      setDrafts(null);
      setPlan(await api.planWave(edition, target));
      setPlanned(target);
    });
  const writeDrafts = () =>
    run(async () => {
      if (!planned) return;
      const summary = await api.writeWave(edition, planned);
      setPlan(null);
      if (summary.wave === "") {
        setNotice("Personne n'est plus à prévenir parmi ces personnes : aucun brouillon écrit.");
        reload();
        return;
      }
      setDrafts(summary);
      const missing = summary.withoutEmail.length > 0 ? ` Sans e-mail, à prévenir autrement : ${summary.withoutEmail.join(", ")}.` : "";
      setNotice(
        `${summary.drafts} brouillon(s) écrit(s) dans ${summary.folder}, avec le fichier de publipostage ${summary.mergeSheet}. Envoyez-les avec votre messagerie, puis confirmez-le ci-dessous.${missing}`,
      );
      reload();
    });
  const confirm = () =>
    run(async () => {
      if (!drafts) return;
      const n = await api.confirmDrafts(edition, drafts.logged);
      setDrafts(null);
      setNotice(`${n} message(s) notés comme envoyés.`);
      reload();
      onChanged();
    });
  const send = async (wave: string) => {
    setSending(true);
    try {
      await run(async () => {
        const done = await api.sendWave(edition, wave);
        setProgress(done);
        setNotice(progressText(done));
      });
    } finally {
      setSending(false);
      reload();
      onChanged();
    }
  };
  const sendPlan = () =>
    run(async () => {
      if (!planned) return;
      const queued = await api.queueWave(edition, planned);
      setPlan(null);
      setChosen(new Set());
      if (queued.queued === 0) {
        setNotice("Aucun message à envoyer (personne avec une adresse e-mail).");
        return;
      }
      void send(queued.wave);
    });

  return (
    <section id="notify-panel" className="fr-mb-6w">
      <h2 className="fr-h5">À prévenir</h2>
      <ErrorAlert title="Action impossible" message={error} onClose={clearError} />
      <p id="owed-summary">{owedSummary(owed)}</p>
      <div className="fr-checkbox-group fr-mb-2w">
        {/* Not while a plan is made: it would come back for whom was chosen before. */}
        <input type="checkbox" id="owed-finals" checked={finals} disabled={busy} onChange={(e) => setFinals(e.target.checked)} />
        <label className="fr-label" htmlFor="owed-finals">
          Inclure les messages de fin : « pas de binôme cette année » aux étudiants, « pas d'étudiant » aux ambassadeurs
        </label>
      </div>
      {owed.length > 0 ? (
        <div className="fr-table fr-table--no-caption fr-mb-2w" style={{ maxHeight: "28rem", overflowY: "auto" }}>
          <table id="owed-table">
            <caption>Personnes à prévenir</caption>
            <thead>
              <tr>
                <th scope="col">Choisir</th>
                <th scope="col">Personne</th>
                <th scope="col">Message</th>
                <th scope="col">Pourquoi</th>
              </tr>
            </thead>
            <tbody>
              {owed.map((o) => {
                const key = personKey(o.role, o.person);
                return (
                  <tr key={key} data-person={key}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Choisir ${o.name}`}
                        checked={chosen.has(key)}
                        disabled={busy}
                        onChange={() => toggle(o)}
                      />
                    </td>
                    <td>
                      {o.name} ({roleLabel(o.role)}){o.email ? "" : " — sans e-mail"}
                    </td>
                    <td>{KIND_LABEL[o.kind]}</td>
                    <td>
                      {o.reason}
                      {o.pending ? <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">{o.pending}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="binomes-actions">
        <Button onClick={() => void prepare()} disabled={busy || sending || owed.length === 0} nativeButtonProps={{ id: "notify-prepare" }}>
          {chosen.size > 0 ? `Prévenir les ${chosen.size} personne(s) choisie(s)…` : "Prévenir…"}
        </Button>
        <Button
          priority="secondary"
          onClick={() => void prepare({ type: "paired", kind: "reminder", people: null })}
          disabled={busy || sending}
          nativeButtonProps={{ id: "notify-reminder" }}
        >
          Rappel avant le jour J…
        </Button>
        <Button
          priority="secondary"
          onClick={() => void prepare({ type: "paired", kind: "thanks", people: null })}
          disabled={busy || sending}
          nativeButtonProps={{ id: "notify-thanks" }}
        >
          Remerciement après…
        </Button>
      </div>
      {plan ? (
        <div className="fr-card fr-p-3w fr-mt-2w" id="notify-plan">
          <p className="fr-text--bold">
            {plan.messages.length} message(s) à écrire ou envoyer, à :
          </p>
          <ul id="notify-recipients" style={{ maxHeight: "20rem", overflowY: "auto" }}>
            {plan.messages.map((m) => (
              <li key={`${m.role}:${m.person}`}>
                {m.toName} ({roleLabel(m.role)}) — {m.toEmail ?? "sans e-mail"} — {KIND_LABEL[m.kind]} : « {m.subject} »
              </li>
            ))}
          </ul>
          {plan.withoutEmail.length > 0 ? <p>Sans e-mail (à prévenir autrement) : {plan.withoutEmail.join(", ")}.</p> : null}
          {plan.held.length > 0 ? (
            <p>
              Laissés de côté (un message est déjà en route ou a peut-être été reçu ; choisissez-les un par un pour les prévenir quand même) :{" "}
              {plan.held.join(" ; ")}.
            </p>
          ) : null}
          <div className="binomes-actions">
            <Button priority="secondary" onClick={() => void writeDrafts()} disabled={busy || plan.messages.length === 0} nativeButtonProps={{ id: "notify-drafts" }}>
              Écrire les brouillons…
            </Button>
            <Button onClick={() => void sendPlan()} disabled={busy || sending || plan.messages.length === 0} nativeButtonProps={{ id: "notify-send" }}>
              Envoyer maintenant
            </Button>
            <Button priority="tertiary" onClick={() => setPlan(null)} nativeButtonProps={{ id: "notify-plan-cancel" }}>
              Annuler
            </Button>
          </div>
        </div>
      ) : null}
      <p role="status" id="notify-status" className={notice ? "fr-alert fr-alert--info fr-alert--sm fr-mt-2w" : undefined}>
        {notice}
      </p>
      {notice && drafts ? <RevealButton path={drafts.folder} id="notify-reveal" /> : null}
      {drafts && drafts.logged.length > 0 ? (
        <Button onClick={() => void confirm()} disabled={busy} nativeButtonProps={{ id: "notify-confirm-drafts" }}>
          J'ai envoyé ces {drafts.logged.length} message(s) (ou prévenu autrement ceux sans e-mail)
        </Button>
      ) : null}
      {sending || (progress && !progress.finished) ? (
        <div className="fr-mt-2w" id="send-progress">
          <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Avancement de l'envoi" />
          <p>{progress ? progressText(progress) : "Connexion au serveur…"}</p>
          <div className="binomes-actions">
            <Button priority="secondary" onClick={() => void api.pauseSending(!(progress?.paused ?? false))} nativeButtonProps={{ id: "send-pause" }}>
              {progress?.paused ? "Reprendre" : "Pause"}
            </Button>
            <Button priority="tertiary" onClick={() => void api.cancelSending()} nativeButtonProps={{ id: "send-cancel" }}>
              Annuler l'envoi
            </Button>
          </div>
        </div>
      ) : null}
      {!sending && unfinished.length > 0 ? (
        <div className="fr-mt-2w" id="unfinished-waves">
          {unfinished.map((wave) => (
            <p key={wave}>
              La vague « {wave} » a des messages non envoyés.{" "}
              <Button size="small" priority="secondary" onClick={() => void send(wave)} disabled={busy}>
                Reprendre l'envoi
              </Button>
            </p>
          ))}
        </div>
      ) : null}
      <NotificationLog edition={edition} version={logVersion} />
    </section>
  );
}

export const KIND_LABEL: Record<Owed["kind"], string> = {
  newPair: "Nouveau binôme",
  change: "Changement de binôme",
  cancellation: "Annulation",
  noPair: "Pas de binôme cette année",
  noStudent: "Pas d'étudiant cette année",
  reminder: "Rappel avant le jour J",
  thanks: "Remerciement",
};
