import { isoToFrench } from "../../dates";
import { DateField } from "../DateField";

/** The reason and the date of a withdrawal, as both withdrawal forms ask them. */
export function WithdrawalFields({
  idPrefix,
  reason,
  date,
  onReason,
  onDate,
}: {
  idPrefix: string;
  reason: string;
  date: string;
  onReason: (reason: string) => void;
  onDate: (date: string) => void;
}) {
  return (
    <>
      <div className="fr-input-group fr-mb-1w">
        <label className="fr-label" htmlFor={`${idPrefix}-reason`}>
          Raison (facultative)
        </label>
        <input className="fr-input" id={`${idPrefix}-reason`} value={reason} onChange={(e) => onReason(e.target.value)} />
      </div>
      <DateField id={`${idPrefix}-date`} label="Date du retrait" value={date} onChange={onDate} small />
    </>
  );
}

/** Today, jj/mm/aaaa as the field shows it: the default date of a withdrawal. */
export function today(): string {
  return isoToFrench(new Date().toISOString().slice(0, 10));
}
