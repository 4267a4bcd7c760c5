import { useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { PairStatus } from "../../bindings/PairStatus";
import { personName } from "../../board";
import type { Selection } from "./boardState";
import { statusLabel } from "./StudentChip";
import type { BoardActions } from "./useBoard";
import { today, WithdrawalFields } from "./WithdrawalFields";
import { isoToFrench, parseFrenchDate } from "../../dates";
import { DateField } from "../DateField";

const mobilityLabel = {
  departement: "dans son département",
  region: "dans sa région",
  national: "partout en France",
  unspecified: "mobilité non précisée",
} as const;

/** The selected student: their pair and its reasons, what can be done to it, and the alternates. */
export function SelectionPanel({ selection, actions }: { selection: Selection; actions: BoardActions }) {
  const { board, student: id, compatibility, diagnosis, busy } = selection;
  const student = board.studentById.get(id);
  const explained = board.pairOfStudent.get(id);
  const pair = explained?.pair;
  const [note, setNote] = useState(pair?.note ?? "");
  const [date, setDate] = useState(isoToFrench(pair?.agreedDate));
  // The withdrawal form, opened on request.
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState("");
  const [withdrawnOn, setWithdrawnOn] = useState(today);
  useEffect(() => {
    setNote(pair?.note ?? "");
    setDate(isoToFrench(pair?.agreedDate));
  }, [pair?.id, pair?.note, pair?.agreedDate]);
  // A student without a pair chosen from the keyboard (Enter on their card): the next step is
  // « Affecter à… », so it takes the focus (#18: the assignment in a few key presses).
  const pairedNow = explained !== undefined;
  useEffect(() => {
    if (!pairedNow && document.activeElement?.matches("[data-student]")) document.getElementById("assign")?.focus();
  }, [id, pairedNow]);
  if (!student) return null;
  const ambassador = pair ? board.ambassadorById.get(pair.ambassadorId) : undefined;
  const alternates = (compatibility ?? [])
    .filter((c) => c.evaluation !== null && !c.current && c.placesLeft > 0)
    .slice(0, 5);

  return (
    <section id="selection" aria-labelledby="selection-title" className="binomes-selection fr-p-2w">
      <div className="binomes-selection__head">
        <h2 id="selection-title" className="fr-h6 fr-mb-1w">
          {personName(student)}
        </h2>
        <Button size="small" priority="tertiary no outline" iconId="fr-icon-close-line" title="Fermer" onClick={() => actions.select(null)} />
      </div>
      <p className="fr-text--sm fr-mb-1w">
        {[student.identity.email, [student.place.commune, student.place.departement].filter((x) => x).join(" ")]
          .filter((x) => x)
          .join(" · ")}
        <br />
        Souhaits : {student.wishedJobs.map((job, i) => `${i + 1}. ${job}`).join(" ; ") || "aucun"}
        {student.wishedAdministration ? ` · administration : ${student.wishedAdministration}` : ""} · se déplace{" "}
        {mobilityLabel[student.mobility]}
      </p>

      {pair && explained ? (
        <>
          <p className="fr-mb-1w" id="selected-pair" tabIndex={-1}>
            Avec <strong>{personName(ambassador)}</strong> ({ambassador?.job ?? "métier non précisé"}) —{" "}
            <strong>{explained.score} points</strong>
          </p>
          <ul className="fr-text--sm fr-mb-1w" id="selected-reasons">
            {explained.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <div className="binomes-selection__controls">
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor="selected-status">
                Statut
              </label>
              <select
                className="fr-select"
                id="selected-status"
                value={pair.status}
                disabled={busy}
                onChange={(e) => actions.edit([pair.id], { status: e.target.value as PairStatus })}
              >
                {(Object.keys(statusLabel) as PairStatus[]).map((status) => (
                  <option key={status} value={status}>
                    {statusLabel[status]}
                  </option>
                ))}
              </select>
            </div>
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input
                type="checkbox"
                id="selected-lock"
                checked={pair.locked}
                disabled={busy}
                onChange={(e) => actions.edit([pair.id], { locked: e.target.checked })}
              />
              <label className="fr-label" htmlFor="selected-lock">
                Verrouillé (gardé par la prochaine proposition)
              </label>
            </div>
          </div>
          <div className="fr-input-group fr-mt-1w fr-mb-1w">
            <label className="fr-label" htmlFor="selected-note">
              Note
            </label>
            <textarea className="fr-input" id="selected-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <DateField id="selected-date" label="Date convenue (si ce n'est pas le jour J)" value={date} onChange={setDate} small />
          <div className="binomes-actions fr-mb-2w">
            <Button
              size="small"
              priority="secondary"
              disabled={busy || (note === (pair.note ?? "") && date === isoToFrench(pair.agreedDate))}
              onClick={() => {
                // A date that is not one is said by its field, and nothing is sent.
                const parsed = parseFrenchDate(date);
                if (parsed.error === null) actions.edit([pair.id], { note, agreedDate: parsed.iso ?? "" });
              }}
              nativeButtonProps={{ id: "save-note" }}
            >
              Enregistrer la note et la date
            </Button>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-arrow-go-back-line"
              disabled={busy}
              onClick={() => actions.move({ student: id, to: null, swap: false })}
              nativeButtonProps={{ id: "unpair" }}
            >
              Retirer du binôme
            </Button>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-close-circle-line"
              disabled={busy}
              onClick={() => actions.forbid(id, pair.ambassadorId)}
              nativeButtonProps={{ id: "forbid" }}
            >
              Interdire ce binôme
            </Button>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-mail-line"
              disabled={busy}
              onClick={() => actions.writePairMessages(pair.id)}
              nativeButtonProps={{ id: "write-pair-messages" }}
            >
              Préparer les messages de ce binôme…
            </Button>
          </div>
        </>
      ) : null}

      <div className="binomes-actions">
        <Button iconId="fr-icon-user-add-line" size="small" onClick={actions.openAssign} disabled={busy} nativeButtonProps={{ id: "assign" }}>
          Affecter à…
        </Button>
        <Button size="small" priority="tertiary" onClick={actions.openWhy} nativeButtonProps={{ id: "why" }}>
          Pourquoi ? (tous les ambassadeurs)
        </Button>
        <Button size="small" priority="tertiary" iconId="ri-user-unfollow-line" onClick={() => setWithdrawing((v) => !v)} nativeButtonProps={{ id: "withdraw" }}>
          Signaler un retrait…
        </Button>
      </div>
      {pair && explained ? null : (
        // Under the actions: the diagnosis comes a moment after the selection, and its text,
        // longer than « Diagnostic en cours… », would move « Affecter à… » under the pointer.
        <p className="fr-text--sm fr-mt-1w fr-mb-2w" id="selected-diagnosis">
          <strong>{board.excluded.has(id) ? "Hors des états retenus :" : "Sans binôme."}</strong> {diagnosis ?? "Diagnostic en cours…"}
        </p>
      )}
      {withdrawing ? (
        <div className="fr-mt-2w" id="withdraw-form">
          <p className="fr-text--sm fr-mb-1w">
            {personName(student)} ne viendra pas : son binôme est défait (annulable), et vous verrez qui peut prendre la place.
          </p>
          <WithdrawalFields idPrefix="withdraw" reason={reason} date={withdrawnOn} onReason={setReason} onDate={setWithdrawnOn} />
          <Button
            size="small"
            disabled={busy}
            onClick={() => {
              const parsed = parseFrenchDate(withdrawnOn);
              if (parsed.iso === null) return;
              setWithdrawing(false);
              actions.withdrawStudent(id, reason, parsed.iso);
            }}
            nativeButtonProps={{ id: "withdraw-confirm" }}
          >
            Confirmer le retrait
          </Button>
        </div>
      ) : null}

      <h3 className="fr-text--md fr-mt-2w fr-mb-1w">Autres ambassadeurs possibles</h3>
      {compatibility === null ? (
        <p className="fr-text--sm">Chargement…</p>
      ) : alternates.length === 0 ? (
        <p className="fr-text--sm">Aucun autre ambassadeur compatible n'a de place libre.</p>
      ) : (
        <ol className="fr-text--sm binomes-alternates" id="alternates">
          {alternates.map((c) => {
            const a = board.ambassadorById.get(c.ambassador);
            return (
              <li key={c.ambassador}>
                <span>
                  {personName(a)} — {a?.job ?? "?"}, {a?.place.commune ?? a?.place.departement ?? "?"} :{" "}
                  <strong>{c.evaluation?.score} pts</strong>
                </span>
                <Button
                  size="small"
                  priority="tertiary no outline"
                  disabled={busy}
                  onClick={() => actions.move({ student: id, to: c.ambassador, swap: false })}
                  nativeButtonProps={{ "data-alternate": String(c.ambassador) }}
                >
                  Affecter
                </Button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
