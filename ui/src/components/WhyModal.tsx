import { createModal } from "../modal";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { Ambassador } from "../bindings/Ambassador";
import type { Compatibility } from "../bindings/Compatibility";
import { summarizeBarriers } from "../compat";
import { fullName } from "../format";
import { TableFrame } from "./TableFrame";
import { ExportWhyButton } from "./WhyDocumentModal";

export const whyModal = createModal({ id: "why-modal", isOpenedByDefault: false });

/** Why a student has this pair and not another: the best allowed ambassadors with their
 * reasons and places left (the alternates), and why the others are ruled out. */
export function WhyModal({
  edition,
  student,
  studentName,
  exclusion = null,
  compatibility,
  ambassadorById,
}: {
  edition: number;
  /** The student shown (for « Exporter cette explication… »). */
  student: number | null;
  studentName: string;
  /** Why the rules leave this student out (application state), said before anything else. */
  exclusion?: string | null;
  compatibility: Compatibility[] | null;
  ambassadorById: Map<number, Ambassador>;
}) {
  const allowed = (compatibility ?? []).filter((c) => c.evaluation !== null);
  const barriers = summarizeBarriers(compatibility ?? []);
  return (
    <whyModal.Component title={`Pourquoi ? — ${studentName}`} size="large">
      {exclusion !== null ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" id="why-exclusion">
          <p>
            <strong>Hors des états retenus :</strong> {exclusion}. Les ambassadeurs ci-dessous seraient possibles si cet état
            était retenu.
          </p>
        </div>
      ) : null}
      {compatibility === null ? (
        <p>Chargement…</p>
      ) : (
        <>
          <p>
            {allowed.length} ambassadeur(s) possible(s) selon les règles, du meilleur au moins bon (ceux qui ont encore une
            place d'abord). Les autres sont exclus pour les raisons en bas.
          </p>
          <TableFrame noCaption>
            <table id="why-table">
              <caption>Ambassadeurs possibles</caption>
              <thead>
                <tr>
                  <th scope="col">Ambassadeur</th>
                  <th scope="col" className="binomes-number">
                    Points
                  </th>
                  <th scope="col">Pourquoi</th>
                  <th scope="col" className="binomes-number">
                    Places libres
                  </th>
                </tr>
              </thead>
              <tbody>
                {allowed.slice(0, 15).map((c) => {
                  const a = ambassadorById.get(c.ambassador);
                  return (
                    <tr key={c.ambassador}>
                      <td>
                        {a ? fullName(a.identity.firstName, a.identity.lastName) : "?"}{" "}
                        {c.current ? (
                          <Badge small noIcon severity="success">
                            binôme actuel
                          </Badge>
                        ) : null}
                        <br />
                        <span className="fr-text--xs">
                          {a?.job ?? ""} · {a?.place.commune ?? ""}
                        </span>
                      </td>
                      <td className="binomes-number">{c.evaluation?.score ?? 0}</td>
                      <td>{c.evaluation?.parts.map((p) => `${p.reason} (+${p.points})`).join(" ; ")}</td>
                      <td className="binomes-number">{c.placesLeft}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableFrame>
          {barriers.length > 0 ? (
            <>
              <h3 className="fr-h6">Ambassadeurs exclus</h3>
              <ul id="why-barriers">
                {barriers.map(([reason, n]) => (
                  <li key={reason}>
                    {n} : {reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
      <ExportWhyButton edition={edition} target={student === null ? null : { role: "student", id: student, name: studentName }} />
    </whyModal.Component>
  );
}
