import { useEffect, useState } from "react";
import { createModal } from "@codegouvfr/react-dsfr/Modal";

export const withdrawModal = createModal({ id: "withdraw-modal", isOpenedByDefault: false });

/** An ambassador who will not host after all: when and why, before their pairs are undone. */
export function WithdrawModal({ name, onConfirm }: { name: string; onConfirm: (reason: string, date: string) => void }) {
  const [reason, setReason] = useState("");
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  useEffect(() => setReason(""), [name]);
  return (
    <withdrawModal.Component
      title={`Retrait de ${name}`}
      buttons={[
        { children: "Annuler", priority: "secondary" },
        { children: "Confirmer le retrait", onClick: () => onConfirm(reason, date), nativeButtonProps: { id: "withdraw-ambassador-confirm" } },
      ]}
    >
      <p>
        Ses binômes sont défaits (annulable), ses étudiants redeviennent sans binôme avec leurs autres ambassadeurs possibles, et
        {" "}
        {name} n'est plus proposé(e) à personne.
      </p>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="withdraw-ambassador-reason">
          Raison (facultative)
        </label>
        <input className="fr-input" id="withdraw-ambassador-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="withdraw-ambassador-date">
          Date du retrait
        </label>
        <input className="fr-input" type="date" id="withdraw-ambassador-date" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
    </withdrawModal.Component>
  );
}
