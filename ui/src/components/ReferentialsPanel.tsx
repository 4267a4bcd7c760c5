import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api } from "../api";
import type { LearnedSynonym } from "../bindings/LearnedSynonym";
import type { ReferentialEntry } from "../bindings/ReferentialEntry";
import type { ReferentialLists } from "../bindings/ReferentialLists";
import type { SynonymKind } from "../bindings/SynonymKind";
import { ErrorAlert } from "./ErrorAlert";
import { TableFrame } from "./TableFrame";
import { ReferentialOptions } from "./ReferentialOptions";
import { useAction } from "../useAction";
import { searchKey } from "../people";

const kindLabel = (kind: SynonymKind) => (kind === "job" ? "métier" : "administration");

/** The métiers and administrations Binômes recognises, with the ways of writing it knows, and
 * the synonyms the organiser taught: added here or while importing, undone here. */
export function ReferentialsPanel() {
  const [lists, setLists] = useState<ReferentialLists | null>(null);
  const [learned, setLearned] = useState<LearnedSynonym[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ kind: SynonymKind; text: string; code: string }>({ kind: "job", text: "", code: "" });
  const [query, setQuery] = useState("");
  const { busy, error, run, fail, clearError } = useAction();
  const reload = useCallback(() => {
    api.learnedSynonyms().then(setLearned, fail);
  }, [fail]);
  useEffect(() => {
    api.listReferentials().then(setLists, fail);
    reload();
  }, [fail, reload]);

  const forget = (s: LearnedSynonym) =>
    void run(async () => {
      await api.forgetSynonym(s.kind, s.key);
      setNotice(`« ${s.key} » n'est plus rattaché à ${s.label} : les prochains imports ne le reconnaîtront plus ainsi.`);
      reload();
    });
  const add = () =>
    void run(async () => {
      if (draft.text.trim() === "" || draft.code === "") return;
      await api.rememberSynonym(draft.kind, draft.text.trim(), draft.code);
      setNotice(`« ${draft.text.trim()} » sera reconnu comme ${entryLabel(lists, draft.kind, draft.code)} dans les prochains imports.`);
      setDraft({ ...draft, text: "", code: "" });
      reload();
    });

  return (
    <section id="referentials" aria-labelledby="referentials-title" className="fr-mb-4w">
      <h2 id="referentials-title" className="fr-h4">
        Référentiels
      </h2>
      <p>
        Binômes ramène les métiers et les administrations écrits dans les fichiers à ces listes, pour les comparer. Les synonymes
        que vous ajoutez valent pour tous les imports suivants ; vous pouvez les annuler ici.
      </p>
      <ErrorAlert title="Action impossible" message={error} onClose={clearError} />
      <p role="status" id="referentials-status" className={notice ? "fr-alert fr-alert--success fr-alert--sm fr-mb-2w" : undefined}>
        {notice}
      </p>

      <h3 className="fr-h5">Synonymes ajoutés</h3>
      {learned === null ? (
        <p>Chargement…</p>
      ) : learned.length === 0 ? (
        <p id="learned-empty">Aucun pour l'instant : ceux que vous ajoutez ici ou en rattachant une valeur pendant un import s'afficheront ici.</p>
      ) : (
        <TableFrame noCaption>
          <table id="learned-synonyms">
            <caption>Synonymes ajoutés</caption>
            <thead>
              <tr>
                <th scope="col">Écrit</th>
                <th scope="col">Type</th>
                <th scope="col">Reconnu comme</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {learned.map((s) => (
                <tr key={`${s.kind}:${s.key}`} data-synonym={s.key}>
                  <td>{s.key}</td>
                  <td>{kindLabel(s.kind)}</td>
                  <td>{s.label}</td>
                  <td>
                    <Button size="small" priority="tertiary" disabled={busy} onClick={() => forget(s)} nativeButtonProps={{ "data-action": "forget", title: `Annuler le synonyme « ${s.key} »` }}>
                      Annuler
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}

      {lists ? (
        <form
          className="binomes-synonym-form fr-mb-3w"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="synonym-text">
              Écrit ainsi dans les fichiers
            </label>
            <input className="fr-input" id="synonym-text" value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="synonym-kind">
              Type
            </label>
            <select className="fr-select" id="synonym-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as SynonymKind, code: "" })}>
              <option value="job">métier</option>
              <option value="administration">administration</option>
            </select>
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="synonym-code">
              Reconnu comme
            </label>
            <select className="fr-select" id="synonym-code" value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })}>
              <option value="">— choisir —</option>
              <ReferentialOptions entries={draft.kind === "job" ? lists.jobs : lists.administrations} />
            </select>
          </div>
          <Button type="submit" disabled={busy || draft.text.trim() === "" || draft.code === ""} nativeButtonProps={{ id: "synonym-add" }}>
            Ajouter le synonyme
          </Button>
        </form>
      ) : null}

      {lists ? (
        <>
          <div className="fr-search-bar fr-mb-2w" role="search">
            <label className="fr-label" htmlFor="referential-search">
              Chercher dans les référentiels
            </label>
            <input
              className="fr-input"
              id="referential-search"
              type="search"
              placeholder="Métier, administration, synonyme…"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <EntriesTable id="referential-jobs" title="Métiers" groupLabel="Famille" entries={lists.jobs} query={query} />
          <EntriesTable id="referential-administrations" title="Administrations" groupLabel="Sigle" entries={lists.administrations} query={query} />
        </>
      ) : null}
    </section>
  );
}

function entryLabel(lists: ReferentialLists | null, kind: SynonymKind, code: string): string {
  const entries = kind === "job" ? lists?.jobs : lists?.administrations;
  return entries?.find((e) => e.code === code)?.label ?? code;
}

function EntriesTable({ id, title, groupLabel, entries, query }: { id: string; title: string; groupLabel: string; entries: ReferentialEntry[]; query: string }) {
  const shown = useMemo(() => {
    const key = searchKey(query);
    if (key === "") return entries;
    return entries.filter((e) => [e.label, e.group ?? "", ...e.synonyms].some((text) => searchKey(text).includes(key)));
  }, [entries, query]);
  return (
    <details className="fr-mb-2w" open={query.trim() !== ""}>
      <summary>
        {title} ({shown.length === entries.length ? entries.length : `${shown.length} sur ${entries.length}`})
      </summary>
      <TableFrame noCaption>
        <table id={id}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Libellé</th>
              <th scope="col">{groupLabel}</th>
              <th scope="col">Autres écritures reconnues</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.code}>
                <td>{e.label}</td>
                <td>{e.group ?? ""}</td>
                <td>{e.synonyms.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </details>
  );
}
