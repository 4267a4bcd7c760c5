import { useEffect, useState } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { api, toApiError } from "../api";
import type { Ambassador } from "../bindings/Ambassador";
import type { EditionSummary } from "../bindings/EditionSummary";
import type { Student } from "../bindings/Student";
import { ErrorAlert } from "../components/ErrorAlert";
import { TableFrame } from "../components/TableFrame";
import { countLabel, formatEventDate, fullName } from "../format";

type People = { students: Student[]; ambassadors: Ambassador[] };

export function EditionPage({ id, onBack }: { id: number; onBack: () => void }) {
  const [summary, setSummary] = useState<EditionSummary | null>(null);
  const [people, setPeople] = useState<People | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.getEdition(id), api.listStudents(id), api.listAmbassadors(id)]).then(
      ([s, students, ambassadors]) => {
        setSummary(s);
        setPeople({ students, ambassadors });
      },
      (e) => setError(toApiError(e).message),
    );
  }, [id]);

  return (
    <>
      <Breadcrumb
        currentPageLabel={summary?.edition.name ?? "Édition"}
        homeLinkProps={{
          href: "#",
          onClick: (event) => {
            event.preventDefault();
            onBack();
          },
        }}
        segments={[]}
      />
      <ErrorAlert title="Impossible d'ouvrir l'édition" message={error} />
      {summary && people ? (
        <>
          <h1 id="edition-title">
            {summary.edition.name}{" "}
            {summary.edition.isDemo ? (
              <Badge severity="info" noIcon>
                Démonstration — personnes fictives
              </Badge>
            ) : null}
          </h1>
          <p className="fr-text--lead" id="edition-counts">
            Jour J : {formatEventDate(summary.edition.eventDate)} ·{" "}
            {countLabel(summary.students, "étudiant", "étudiants", "aucun étudiant")} ·{" "}
            {countLabel(summary.ambassadors, "ambassadeur", "ambassadeurs", "aucun ambassadeur")} ·{" "}
            {countLabel(summary.pairs, "binôme", "binômes", "aucun binôme")}
          </p>
          <Tabs
            tabs={[
              { label: `Étudiants (${people.students.length})`, content: <StudentsTable students={people.students} /> },
              {
                label: `Ambassadeurs (${people.ambassadors.length})`,
                content: <AmbassadorsTable ambassadors={people.ambassadors} />,
              },
            ]}
          />
        </>
      ) : error ? null : (
        <p>Chargement…</p>
      )}
    </>
  );
}

function StudentsTable({ students }: { students: Student[] }) {
  if (students.length === 0) return <p>Aucun étudiant dans cette édition pour l'instant.</p>;
  return (
    <TableFrame noCaption>
      <table id="students-table">
        <caption>Étudiants</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">E-mail</th>
            <th scope="col">Commune</th>
            <th scope="col">Métiers souhaités</th>
            <th scope="col">Niveau</th>
          </tr>
        </thead>
        <tbody>
          {students.map((s) => (
            <tr key={s.id}>
              <td>{fullName(s.identity.firstName, s.identity.lastName)}</td>
              <td>{s.identity.email ?? <em>sans e-mail</em>}</td>
              <td>
                {s.place.commune ?? ""} {s.place.departement ? `(${s.place.departement})` : ""}
              </td>
              <td>{s.wishedJobs.map((job, i) => `${i + 1}. ${job}`).join(" · ")}</td>
              <td>{s.level ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

function AmbassadorsTable({ ambassadors }: { ambassadors: Ambassador[] }) {
  if (ambassadors.length === 0) return <p>Aucun ambassadeur dans cette édition pour l'instant.</p>;
  return (
    <TableFrame noCaption>
      <table id="ambassadors-table">
        <caption>Ambassadeurs</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Métier</th>
            <th scope="col">Administration</th>
            <th scope="col">Commune</th>
            <th scope="col" className="binomes-number">Places</th>
          </tr>
        </thead>
        <tbody>
          {ambassadors.map((a) => (
            <tr key={a.id}>
              <td>{fullName(a.identity.firstName, a.identity.lastName)}</td>
              <td>{a.job ?? ""}</td>
              <td>{a.administration ?? ""}</td>
              <td>
                {a.place.commune ?? ""} {a.place.departement ? `(${a.place.departement})` : ""}
              </td>
              <td className="binomes-number">{a.capacity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
