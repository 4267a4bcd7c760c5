import { useCallback, useEffect, useMemo, useState } from "react";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { createModal } from "../modal";
import { api, toApiError } from "../api";
import type { Ambassador } from "../bindings/Ambassador";
import type { EditionSummary } from "../bindings/EditionSummary";
import type { OriginalRow } from "../bindings/OriginalRow";
import type { Role } from "../bindings/Role";
import type { Student } from "../bindings/Student";
import { ErrorAlert } from "../components/ErrorAlert";
import { ImportWizard } from "../components/ImportWizard";
import { MessagesEditor } from "../components/MessagesEditor";
import { PairsPanel } from "../components/PairsPanel";
import { PathBar, type PathAction } from "../components/PathBar";
import { SeasonDashboard } from "../components/SeasonDashboard";
import { ByDateView } from "../components/ByDateView";
import { WhyDocumentModal, whyDocumentModal, type WhyTarget } from "../components/WhyDocumentModal";
import { TableFrame } from "../components/TableFrame";
import { PersonModal, personModal, type PersonTarget } from "../components/people/PersonModal";
import { ProbableDuplicates } from "../components/people/ProbableDuplicates";
import { countLabel, formatEventDate, fullName } from "../format";
import { filterPeople, LEVELS, noFilter, type Aliases, type PeopleFilter } from "../people";

type People = { students: Student[]; ambassadors: Ambassador[] };

const originalModal = createModal({ id: "original-row-modal", isOpenedByDefault: false });

export function EditionPage({ id, onBack }: { id: number; onBack: () => void }) {
  const [summary, setSummary] = useState<EditionSummary | null>(null);
  const [people, setPeople] = useState<People | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState<Role | null>(null);
  const [original, setOriginal] = useState<{ name: string; row: OriginalRow } | null>(null);
  const [filter, setFilter] = useState<PeopleFilter>(noFilter);
  const [personTarget, setPersonTarget] = useState<PersonTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editPerson = (target: PersonTarget) => {
    setNotice(null);
    setPersonTarget(target);
    personModal.open();
  };

  // Bumped on every reload, so views that read pairs (the messages' preview) read them again.
  const [version, setVersion] = useState(0);
  // The page shows as soon as the edition's counts are read; the people (thousands of rows) are
  // read when their tab is shown, so that the board does not wait for them.
  const reload = useCallback(() => {
    api.getEdition(id).then(
      (s) => {
        setSummary(s);
        setPeople(null);
        setVersion((v) => v + 1);
      },
      (e) => setError(toApiError(e).message),
    );
  }, [id]);
  useEffect(reload, [reload]);
  // A change on the board: the counts and the messages' preview follow; the people are unchanged.
  const refreshCounts = useCallback(() => {
    api.getEdition(id).then(
      (s) => {
        setSummary(s);
        setVersion((v) => v + 1);
      },
      (e) => setError(toApiError(e).message),
    );
  }, [id]);

  // The board's « Annuler » may bring back a person changed, removed or merged by hand: the
  // lists are read again when next shown.
  const boardChanged = useCallback(() => {
    setPeople(null);
    refreshCounts();
  }, [refreshCounts]);

  // The board first once there are pairs: it is where organisers spend their time.
  const [tab, setTab] = useState<string | null>(null);
  // « Pourquoi ? » for a student or an ambassador of the lists, as its document (#17).
  const [why, setWhy] = useState<WhyTarget | null>(null);
  const showWhy = (target: WhyTarget) => {
    setWhy(target);
    whyDocumentModal.open();
  };
  const shownTab = tab ?? ((summary?.pairs ?? 0) > 0 ? "pairs" : "students");
  const peopleShown = shownTab === "students" || shownTab === "ambassadors";
  useEffect(() => {
    if (!peopleShown || people !== null || summary === null) return;
    let current = true;
    Promise.all([api.listStudents(id), api.listAmbassadors(id)]).then(
      ([students, ambassadors]) => current && setPeople({ students, ambassadors }),
      (e) => setError(toApiError(e).message),
    );
    return () => {
      current = false;
    };
  }, [peopleShown, people, summary, id]);
  // The referentials' other writings of each label, so that a search as people type finds them.
  const [aliases, setAliases] = useState<Aliases>(new Map());
  useEffect(() => {
    if (!peopleShown || aliases.size > 0) return;
    api.listReferentials().then(
      (lists) => setAliases(new Map([...lists.jobs, ...lists.administrations].map((e) => [e.label, [e.code, e.group ?? "", ...e.synonyms]]))),
      () => undefined,
    );
  }, [peopleShown, aliases]);
  const students = useMemo(() => filterPeople(people?.students ?? [], filter, aliases), [people, filter, aliases]);
  const ambassadors = useMemo(() => filterPeople(people?.ambassadors ?? [], filter, aliases), [people, filter, aliases]);

  // A person added, corrected, removed or erased: the people and the counts are read again.
  const personDone = (message: string) => {
    setNotice(message);
    setPeople(null);
    refreshCounts();
  };

  const showOriginal = (name: string, sourceRow: number | null) => {
    if (sourceRow === null) return;
    api.originalRow(id, sourceRow).then(
      (row) => {
        setOriginal({ name, row });
        originalModal.open();
      },
      (e) => setError(toApiError(e).message),
    );
  };

  // The skip links of the window (App.tsx): the actions, or the board shown and its first student
  // (of the grid, or without a pair) given the focus. The address is put back so that the same
  // link works again.
  useEffect(() => {
    const skip = () => {
      const target = window.location.hash;
      if (!["#aller-actions", "#aller-tableau", "#aller-sans-binome"].includes(target)) return;
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      const focus = (el: HTMLElement) => {
        el.scrollIntoView({ block: "center" });
        el.focus();
      };
      if (target === "#aller-actions") {
        whenShown("#parcours button", focus);
        return;
      }
      setImporting(null);
      setTab("pairs");
      whenShown(target === "#aller-tableau" ? "#board-grid [data-student]" : "#unpaired-list [data-student]", focus);
    };
    window.addEventListener("hashchange", skip);
    return () => window.removeEventListener("hashchange", skip);
  }, []);

  // An action of the path bar: an import, or a tab shown and, once it is, its button pressed
  // (the board's own « Proposer » and « Exporter », so that they stay the one place that does it).
  const pathAction = (action: PathAction) => {
    if (action.kind === "import") {
      setImporting(action.role);
      return;
    }
    setImporting(null);
    setTab(action.tab);
    if (action.then === "suggest") whenShown("#suggest", (el) => el.click());
    if (action.then === "export") whenShown("#export", (el) => el.click());
    if (action.then === "board")
      whenShown("#board-grid [data-student], #unpaired-list [data-student], #board-grid", (el) => {
        el.scrollIntoView({ block: "center" });
        el.focus();
      });
  };

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
      <ErrorAlert title="Action impossible" message={error} onClose={() => setError(null)} />
      {summary ? (
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
          {/* Where the skip links land before the page moves the focus on (see `skip`). */}
          <span id="aller-actions" tabIndex={-1} className="fr-sr-only">
            Étapes et actions
          </span>
          <span id="aller-tableau" tabIndex={-1} className="fr-sr-only">
            Tableau des binômes
          </span>
          <span id="aller-sans-binome" tabIndex={-1} className="fr-sr-only">
            Étudiants sans binôme
          </span>
          <PathBar summary={summary} onAction={pathAction} sticky={!importing && shownTab === "pairs"} />
          {importing ? (
            <ImportWizard
              edition={id}
              role={importing}
              onApplied={refreshCounts}
              onClose={(imported) => {
                setImporting(null);
                if (imported) reload();
              }}
            />
          ) : (
            <>
              <Tabs
                className="binomes-tabs"
                tabs={[
                  {
                    tabId: "students",
                    label: `Étudiants (${people ? countShown(students.length, people.students.length) : summary.students})`,
                  },
                  {
                    tabId: "ambassadors",
                    label: `Ambassadeurs (${people ? countShown(ambassadors.length, people.ambassadors.length) : summary.ambassadors})`,
                  },
                  { tabId: "pairs", label: `Binômes (${summary.pairs})` },
                  { tabId: "by-date", label: "Par date" },
                  { tabId: "season", label: "Tableau de bord" },
                  { tabId: "messages", label: "Messages" },
                ]}
                selectedTabId={shownTab}
                onTabChange={setTab}
              >
                {/* Only the shown tab is rendered: thousands of rows in hidden tabs would slow every change. */}
                {peopleShown ? (
                  <div className="binomes-people-bar">
                    <PeopleFilterBar filter={filter} onChange={setFilter} students={shownTab === "students"} />
                    <Button
                      priority="secondary"
                      iconId="fr-icon-user-add-line"
                      onClick={() =>
                        editPerson({ role: shownTab === "students" ? "student" : "ambassador", id: null, name: "" })
                      }
                      nativeButtonProps={{ id: "add-person" }}
                    >
                      {shownTab === "students" ? "Ajouter un étudiant…" : "Ajouter un ambassadeur…"}
                    </Button>
                  </div>
                ) : null}
                {peopleShown ? (
                  <div role="status" id="people-notice">
                    {notice ? <p className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">{notice}</p> : null}
                  </div>
                ) : null}
                {peopleShown ? (
                  <ProbableDuplicates edition={id} role={shownTab === "students" ? "student" : "ambassador"} version={version} onDone={personDone} />
                ) : null}
                {peopleShown && people === null ? <p>Chargement…</p> : null}
                {shownTab === "students" && people ? (
                  <StudentsTable students={students} total={people.students.length} query={filter.query} onOriginal={showOriginal} onEdit={editPerson} onWhy={showWhy} />
                ) : null}
                {shownTab === "ambassadors" && people ? (
                  <AmbassadorsTable ambassadors={ambassadors} total={people.ambassadors.length} query={filter.query} onOriginal={showOriginal} onEdit={editPerson} onWhy={showWhy} />
                ) : null}
                {shownTab === "pairs" ? <PairsPanel edition={id} onChanged={boardChanged} /> : null}
                {shownTab === "by-date" ? <ByDateView edition={id} /> : null}
                {shownTab === "season" ? <SeasonDashboard edition={id} /> : null}
                {shownTab === "messages" ? <MessagesEditor edition={id} version={version} /> : null}
              </Tabs>
            </>
          )}
        </>
      ) : error ? null : (
        <p>Chargement…</p>
      )}
      <PersonModal edition={id} target={personTarget} onDone={personDone} />
      <WhyDocumentModal edition={id} target={why} />
      <originalModal.Component title={original ? `Ligne d'origine — ${original.name}` : "Ligne d'origine"} size="large">
        {original ? (
          <>
            <p>
              Ligne {original.row.row.rowNumber} du fichier importé, telle qu'elle est arrivée (toutes les colonnes).
            </p>
            <TableFrame noCaption>
              <table id="original-row">
                <caption>Ligne d'origine</caption>
                <tbody>
                  {original.row.headers.map((header, i) => (
                    <tr key={i}>
                      <th scope="row">{header || <em>(sans titre)</em>}</th>
                      <td>{original.row.row.cells[i] ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
          </>
        ) : null}
      </originalModal.Component>
    </>
  );
}

function countShown(shown: number, total: number): string {
  return shown === total ? `${total}` : `${shown} sur ${total}`;
}

function PeopleFilterBar({ filter, onChange, students }: { filter: PeopleFilter; onChange: (filter: PeopleFilter) => void; students: boolean }) {
  return (
    <div className="binomes-filters fr-mb-2w">
      <div className="fr-search-bar" role="search">
        <label className="fr-label" htmlFor="people-search">
          Rechercher
        </label>
        <input
          className="fr-input"
          id="people-search"
          type="search"
          placeholder="Nom, e-mail, commune, métier…"
          value={filter.query}
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
        />
      </div>
      <div className="fr-checkbox-group fr-checkbox-group--sm">
        <input
          type="checkbox"
          id="filter-no-email"
          checked={filter.withoutEmail}
          onChange={(event) => onChange({ ...filter, withoutEmail: event.target.checked })}
        />
        <label className="fr-label" htmlFor="filter-no-email">
          Sans e-mail
        </label>
      </div>
      <div className="fr-checkbox-group fr-checkbox-group--sm">
        <input
          type="checkbox"
          id="filter-place-unknown"
          checked={filter.placeUnknown}
          onChange={(event) => onChange({ ...filter, placeUnknown: event.target.checked })}
        />
        <label className="fr-label" htmlFor="filter-place-unknown">
          Commune non reconnue
        </label>
      </div>
      {students ? (
        <div className="fr-select-group binomes-level-filter">
          <label className="fr-label" htmlFor="filter-level">
            Niveau d'études
          </label>
          <select className="fr-select" id="filter-level" value={filter.level} onChange={(event) => onChange({ ...filter, level: event.target.value })}>
            <option value="">tous</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
            <option value="autre">hors Bac+2 à Bac+5, ou non renseigné</option>
          </select>
        </div>
      ) : null}
    </div>
  );
}

type OnOriginal = (name: string, sourceRow: number | null) => void;

function OriginalButton({ name, sourceRow, onOriginal }: { name: string; sourceRow: number | null; onOriginal: OnOriginal }) {
  if (sourceRow === null) return null;
  return (
    <Button size="small" priority="tertiary no outline" onClick={() => onOriginal(name, sourceRow)} nativeButtonProps={{ title: `Ligne d'origine de ${name}`, "data-action": "original" }}>
      Ligne d'origine
    </Button>
  );
}

type OnEdit = (target: PersonTarget) => void;

type OnWhy = (target: WhyTarget) => void;

/** « Pourquoi ? » for this person: the rules and how they applied to them, to export and send. */
function WhyButton({ target, onWhy }: { target: WhyTarget; onWhy: OnWhy }) {
  return (
    <Button size="small" priority="tertiary no outline" onClick={() => onWhy(target)} nativeButtonProps={{ title: `Pourquoi ? — ${target.name}`, "data-action": "why-document" }}>
      Pourquoi ?
    </Button>
  );
}

function EditButton({ target, onEdit }: { target: PersonTarget; onEdit: OnEdit }) {
  return (
    <Button size="small" priority="tertiary no outline" onClick={() => onEdit(target)} nativeButtonProps={{ title: `Modifier ${target.name}`, "data-action": "edit-person" }}>
      Modifier
    </Button>
  );
}

/** What an empty list means: nobody yet, or nobody matching the search. */
function EmptyList({ total, query, none }: { total: number; query: string; none: string }) {
  if (total > 0) return <p id="people-empty">{query.trim() ? `Aucun résultat pour « ${query.trim()} ».` : "Aucune personne ne correspond à ces filtres."}</p>;
  return <p id="people-empty">{none}</p>;
}

function StudentsTable({ students, total, query, onOriginal, onEdit, onWhy }: { students: Student[]; total: number; query: string; onOriginal: OnOriginal; onEdit: OnEdit; onWhy: OnWhy }) {
  if (students.length === 0)
    return <EmptyList total={total} query={query} none="Aucun étudiant dans cette édition pour l'instant : importez leurs inscriptions ou ajoutez-en un." />;
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
            <th scope="col">École</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {students.map((s) => {
            const name = fullName(s.identity.firstName, s.identity.lastName);
            return (
              <tr key={s.id} data-email={s.identity.email ?? ""}>
                <td>{name}</td>
                <td>{s.identity.email ?? <em>sans e-mail</em>}</td>
                <td>
                  {s.place.commune ?? ""} {s.place.departement ? `(${s.place.departement})` : ""}
                </td>
                <td>{s.wishedJobs.map((job, i) => `${i + 1}. ${job}`).join(" · ")}</td>
                <td>{s.level ?? ""}</td>
                <td>{s.school ?? ""}</td>
                <td>
                  <EditButton target={{ role: "student", id: s.id, name }} onEdit={onEdit} />
                  <OriginalButton name={name} sourceRow={s.sourceRow} onOriginal={onOriginal} />
                  <WhyButton target={{ role: "student", id: s.id, name }} onWhy={onWhy} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}

function AmbassadorsTable({ ambassadors, total, query, onOriginal, onEdit, onWhy }: { ambassadors: Ambassador[]; total: number; query: string; onOriginal: OnOriginal; onEdit: OnEdit; onWhy: OnWhy }) {
  if (ambassadors.length === 0)
    return <EmptyList total={total} query={query} none="Aucun ambassadeur dans cette édition pour l'instant : importez leurs inscriptions ou ajoutez-en un." />;
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
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {ambassadors.map((a) => {
            const name = fullName(a.identity.firstName, a.identity.lastName);
            return (
              <tr key={a.id}>
                <td>{name}</td>
                <td>{a.job ?? ""}</td>
                <td>{a.administration ?? ""}</td>
                <td>
                  {a.place.commune ?? ""} {a.place.departement ? `(${a.place.departement})` : ""}
                </td>
                <td className="binomes-number">{a.capacity}</td>
                <td>
                  <EditButton target={{ role: "ambassador", id: a.id, name }} onEdit={onEdit} />
                  <OriginalButton name={name} sourceRow={a.sourceRow} onOriginal={onOriginal} />
                  <WhyButton target={{ role: "ambassador", id: a.id, name }} onWhy={onWhy} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** Runs `then` on the element `selector` finds once it is rendered (a tab just chosen renders on
 * the next frames; the board once read), or gives up after five seconds. */
function whenShown(selector: string, then: (el: HTMLElement) => void) {
  const until = Date.now() + 5_000;
  const look = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) then(el);
    else if (Date.now() < until) window.setTimeout(look, 50);
  };
  look();
}
