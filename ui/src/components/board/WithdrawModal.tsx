import { useEffect, useState } from "react";
import { createModal } from "../../modal";
import { parseFrenchDate } from "../../dates";
import { today, WithdrawalFields } from "./WithdrawalFields";

export const withdrawModal = createModal({ id: "withdraw-modal", isOpenedByDefault: false });

/** An ambassador who will not host after all: when and why, before their pairs are undone. */
export function WithdrawModal({ name, onConfirm }: { name: string; onConfirm: (reason: string, date: string) => void }) {
  const [reason, setReason] = useState("");
  const [date, setDate] = useState(today);
  useEffect(() => setReason(""), [name]);
  return (
    <withdrawModal.Component
      title={`Retrait de ${name}`}
      buttons={[
        { children: "Annuler", priority: "secondary" },
        {
          children: "Confirmer le retrait",
          // The field says what is wrong with a date that is not one; nothing is sent then.
          onClick: () => {
            const parsed = parseFrenchDate(date);
            if (parsed.iso !== null) onConfirm(reason, parsed.iso);
          },
          doClosesModal: parseFrenchDate(date).iso !== null,
          nativeButtonProps: { id: "withdraw-ambassador-confirm" },
        },
      ]}
    >
      <p>
        Ses binômes sont défaits (annulable), ses étudiants redeviennent sans binôme avec leurs autres ambassadeurs possibles, et
        {" "}
        {name} n'est plus proposé(e) à personne.
      </p>
      <WithdrawalFields idPrefix="withdraw-ambassador" reason={reason} date={date} onReason={setReason} onDate={setDate} />
    </withdrawModal.Component>
  );
}
