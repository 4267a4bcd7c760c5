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
      <div className="fr-input-group fr-mb-1w">
        <label className="fr-label" htmlFor={`${idPrefix}-date`}>
          Date du retrait
        </label>
        <input className="fr-input" type="date" id={`${idPrefix}-date`} value={date} onChange={(e) => onDate(e.target.value)} />
      </div>
    </>
  );
}

/** Today, AAAA-MM-JJ: the default date of a withdrawal. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
