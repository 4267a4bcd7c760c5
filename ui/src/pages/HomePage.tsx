import { useCallback, useEffect, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { createModal } from "../modal";
import { api, toApiError } from "../api";
import type { EditionSummary } from "../bindings/EditionSummary";
import { EditionForm, type EditionDraft } from "../components/EditionForm";
import { BackupsPanel } from "../components/BackupsPanel";
import { ReferentialsPanel } from "../components/ReferentialsPanel";
import { ErrorAlert } from "../components/ErrorAlert";
import type { Restored } from "../bindings/Restored";
import { TableFrame } from "../components/TableFrame";
import { editionInput, formatEventDate } from "../format";
import { isoToFrench } from "../dates";
import { useAction } from "../useAction";

const editionModal = createModal({ id: "edition-modal", isOpenedByDefault: false });
const deleteModal = createModal({ id: "delete-modal", isOpenedByDefault: false });

type Editing = { mode: "create" } | { mode: "rename"; edition: EditionSummary };

export function HomePage({ onOpen }: { onOpen: (id: number) => void }) {
  const [editions, setEditions] = useState<EditionSummary[] | null>(null);
  const { error, attempt, fail, clearError } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({ mode: "create" });
  const [draft, setDraft] = useState<EditionDraft>({ name: "", date: "", retention: "12" });
  const [formError, setFormError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<EditionSummary | null>(null);
  // A new edition may start from an earlier one's rules and message templates.
  const [copyFrom, setCopyFrom] = useState<string>("");

  // Shown on request, and at once when the database cannot be read.
  const [showBackups, setShowBackups] = useState(false);
  const [showReferentials, setShowReferentials] = useState(false);
  const [damaged, setDamaged] = useState(false);
  const reload = useCallback(() => {
    api.listEditions().then(
      (list) => {
        setEditions(list);
        setDamaged(false);
      },
      (e) => {
        const apiError = toApiError(e);
        fail(apiError);
        if (apiError.damaged) {
          setDamaged(true);
          setShowBackups(true);
        }
      },
    );
  }, [fail]);
  const restored = (r: Restored) => {
    setShowBackups(false);
    clearError();
    const aside = r.setAside ? ` La base remplacée est gardée à part : ${r.setAside}.` : "";
    setNotice(`Sauvegarde restaurée (${r.backup.reason}, ${r.backup.editions} édition(s), ${r.backup.students} étudiants, ${r.backup.pairs} binômes).${aside}`);
    reload();
  };
  useEffect(reload, [reload]);

  const run = (work: () => Promise<unknown>) => {
    setNotice(null);
    return attempt(work);
  };

  const openCreate = () => {
    setEditing({ mode: "create" });
    setDraft({ name: `Vis mon job ${new Date().getFullYear()}`, date: "", retention: "12" });
    setFormError(null);
    // Last year's settings by default: the most recent real edition.
    const latest = (editions ?? []).find((e) => !e.edition.isDemo);
    setCopyFrom(latest ? String(latest.edition.id) : "");
    editionModal.open();
  };
  const openRename = (edition: EditionSummary) => {
    setEditing({ mode: "rename", edition });
    setDraft({ name: edition.edition.name, date: isoToFrench(edition.edition.eventDate), retention: String(edition.edition.retentionMonths) });
    setFormError(null);
    editionModal.open();
  };
  const submitEdition = async () => {
    try {
      const input = editionInput(draft.name, draft.date);
      const months = Number(draft.retention);
      if (editing.mode === "create") {
        const created = await api.createEdition(input);
        if (months !== 12) await api.setRetention(created.id, months);
        const source = (editions ?? []).find((e) => String(e.edition.id) === copyFrom);
        if (source) await api.copyEditionSettings(source.edition.id, created.id);
        setNotice(
          source
            ? `L'édition « ${created.name} » a été créée avec les règles et les messages de « ${source.edition.name} ».`
            : `L'édition « ${created.name} » a été créée.`,
        );
      } else {
        const renamed = await api.updateEdition(editing.edition.edition.id, input);
        if (months !== editing.edition.edition.retentionMonths) await api.setRetention(renamed.id, months);
        setNotice(`L'édition s'appelle désormais « ${renamed.name} ».`);
      }
      editionModal.close();
      reload();
    } catch (e) {
      setFormError(toApiError(e).message);
    }
  };
  const confirmDelete = (edition: EditionSummary) => {
    setToDelete(edition);
    deleteModal.open();
  };
  const doDelete = () =>
    run(async () => {
      if (!toDelete) return;
      await api.deleteEdition(toDelete.edition.id);
      setNotice(`L'édition « ${toDelete.edition.name} » a été supprimée.`);
      setToDelete(null);
      reload();
    });

  const openDemo = () => run(async () => onOpen((await api.openDemoEdition()).id));
  const exportSamples = () =>
    run(async () => {
      const written = await api.exportDemoSamples();
      setNotice(`Fichiers de démonstration enregistrés dans ${written.folder} : ${written.files.join(", ")}.`);
    });

  const hasDemo = editions?.some((e) => e.edition.isDemo) ?? false;

  return (
    <>
      <h1>Éditions</h1>
      <ErrorAlert title={damaged ? "La base de données est endommagée" : "Action impossible"} message={error} onClose={clearError} />
      <p role="status" id="home-status" className={notice ? "fr-alert fr-alert--success fr-alert--sm fr-mb-3w" : undefined}>
        {notice}
      </p>

      <RetentionReminder editions={editions ?? []} />

      {editions !== null && editions.length === 0 ? (
        <CallOut title="Bienvenue dans Binômes" titleAs="h2" iconId="fr-icon-information-line">
          Binômes prépare les binômes de « Vis mon job » : importez les inscriptions des étudiants et des ambassadeurs,
          obtenez des propositions expliquées, ajustez-les à la main et exportez les binômes. Pour commencer, créez
          l'édition de cette année, ou découvrez l'outil avec l'édition de démonstration (personnes fictives).
        </CallOut>
      ) : null}

      <div className="binomes-actions fr-mb-4w">
        <Button iconId="fr-icon-add-line" onClick={openCreate} nativeButtonProps={{ id: "create-edition" }}>
          Créer une édition
        </Button>
        {!hasDemo ? (
          <Button priority="secondary" iconId="fr-icon-play-line" onClick={openDemo} nativeButtonProps={{ id: "open-demo" }}>
            Ouvrir l'édition de démonstration
          </Button>
        ) : null}
        <Button
          priority="tertiary"
          iconId="fr-icon-download-line"
          onClick={exportSamples}
          nativeButtonProps={{ id: "export-samples" }}
        >
          Enregistrer les fichiers d'inscription de démonstration…
        </Button>
        <Button
          priority="tertiary"
          iconId="fr-icon-refresh-line"
          onClick={() => setShowBackups((v) => !v)}
          nativeButtonProps={{ id: "show-backups", "aria-expanded": showBackups }}
        >
          Sauvegardes…
        </Button>
        <Button
          priority="tertiary"
          iconId="fr-icon-list-unordered"
          onClick={() => setShowReferentials((v) => !v)}
          nativeButtonProps={{ id: "show-referentials", "aria-expanded": showReferentials }}
        >
          Référentiels…
        </Button>
      </div>
      {showBackups ? <BackupsPanel onRestored={restored} /> : null}
      {showReferentials ? <ReferentialsPanel /> : null}

      {editions === null ? (
        damaged || error ? null : <p>Chargement…</p>
      ) : editions.length > 0 ? (
        <EditionsTable editions={editions} onOpen={onOpen} onRename={openRename} onDelete={confirmDelete} />
      ) : null}

      <editionModal.Component
        title={editing.mode === "create" ? "Créer une édition" : "Modifier l'édition"}
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: editing.mode === "create" ? "Créer l'édition" : "Enregistrer",
            doClosesModal: false,
            onClick: () => void submitEdition(),
            nativeButtonProps: { id: "edition-submit" },
          },
        ]}
      >
        <EditionForm draft={draft} onChange={setDraft} onSubmit={() => void submitEdition()} error={formError} />
        {editing.mode === "create" && (editions ?? []).length > 0 ? (
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="copy-settings-from">
              Reprendre les règles d'appariement et les modèles de message de
            </label>
            <select className="fr-select" id="copy-settings-from" value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)}>
              <option value="">aucune édition (réglages par défaut)</option>
              {(editions ?? []).map((e) => (
                <option key={e.edition.id} value={String(e.edition.id)}>
                  {e.edition.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </editionModal.Component>

      <deleteModal.Component
        title="Supprimer l'édition ?"
        iconId="fr-icon-warning-line"
        buttons={[
          // Focused when it opens: what cannot be undone is not one Enter away.
          { children: "Annuler", priority: "secondary", nativeButtonProps: { id: "delete-cancel", "data-autofocus": true } },
          { children: "Supprimer définitivement", onClick: () => void doDelete(), nativeButtonProps: { id: "delete-confirm" } },
        ]}
      >
        {toDelete ? (
          <p>
            L'édition « {toDelete.edition.name} » et tout ce qu'elle contient ({toDelete.students} étudiants,{" "}
            {toDelete.ambassadors} ambassadeurs, {toDelete.pairs} binômes) seront effacés de cet ordinateur, sauvegardes
            comprises : il n'en restera aucune trace. Cette action ne peut pas être annulée.
          </p>
        ) : null}
      </deleteModal.Component>
    </>
  );
}

/** The editions kept past their retention: a reminder to export what must be kept, then delete. */
function RetentionReminder({ editions }: { editions: EditionSummary[] }) {
  const due = editions.filter((e) => e.edition.retentionPassed);
  if (due.length === 0) return null;
  return (
    <div className="fr-mb-3w" id="retention-reminder">
      <Alert
        severity="warning"
        small={false}
        title={due.length === 1 ? "Une édition a dépassé sa durée de conservation" : `${due.length} éditions ont dépassé leur durée de conservation`}
        description={
          <>
            {due.map((e) => `« ${e.edition.name} » (à effacer après le ${formatEventDate(e.edition.deleteAfter)})`).join(", ")} :
            exportez ce que vous devez garder, puis supprimez l'édition — ses données personnelles ne doivent pas être gardées
            plus longtemps que nécessaire (RGPD). Pour la garder plus longtemps, changez sa durée de conservation (« Modifier »).
          </>
        }
      />
    </div>
  );
}

function EditionsTable({
  editions,
  onOpen,
  onRename,
  onDelete,
}: {
  editions: EditionSummary[];
  onOpen: (id: number) => void;
  onRename: (edition: EditionSummary) => void;
  onDelete: (edition: EditionSummary) => void;
}) {
  return (
    <TableFrame>
      <table id="editions-table">
        <caption>Vos éditions</caption>
        <thead>
          <tr>
            <th scope="col">Édition</th>
            <th scope="col">Jour J</th>
            <th scope="col" className="binomes-number">Étudiants</th>
            <th scope="col" className="binomes-number">Ambassadeurs</th>
            <th scope="col" className="binomes-number">Binômes</th>
            <th scope="col">Données à effacer après le</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {editions.map((summary) => {
            const { edition } = summary;
            return (
              <tr key={edition.id} data-edition-name={edition.name}>
                <th scope="row">
                  {edition.name}{" "}
                  {edition.isDemo ? (
                    <Badge small severity="info" noIcon>
                      fictive
                    </Badge>
                  ) : null}
                </th>
                <td>{formatEventDate(edition.eventDate)}</td>
                <td className="binomes-number">{summary.students}</td>
                <td className="binomes-number">{summary.ambassadors}</td>
                <td className="binomes-number">{summary.pairs}</td>
                <td>
                  {edition.isDemo ? (
                    "—"
                  ) : (
                    <>
                      {formatEventDate(edition.deleteAfter)}{" "}
                      {edition.retentionPassed ? (
                        <Badge small severity="warning" noIcon>
                          dépassé
                        </Badge>
                      ) : null}
                    </>
                  )}
                </td>
                <td>
                  <div className="binomes-actions">
                    <Button size="small" onClick={() => onOpen(edition.id)} nativeButtonProps={{ "data-action": "open", title: `Ouvrir ${edition.name}` }}>
                      Ouvrir
                    </Button>
                    <Button size="small" priority="secondary" onClick={() => onRename(summary)} nativeButtonProps={{ "data-action": "rename", title: `Modifier ${edition.name}` }}>
                      Modifier
                    </Button>
                    <Button size="small" priority="tertiary" onClick={() => onDelete(summary)} nativeButtonProps={{ "data-action": "delete", title: `Supprimer ${edition.name}` }}>
                      Supprimer
                    </Button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}
