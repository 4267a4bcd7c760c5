import { useMemo } from "react";
import { distinct, noBoardFilters, type BoardFilters, type BoardState } from "../../board";

function Select({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <div className="fr-select-group fr-mb-0">
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      <select className="fr-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Tous</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Search and filters of the board; they narrow the grid and the unpaired list alike. */
export function BoardFilterBar({
  board,
  filters,
  onChange,
}: {
  board: BoardState;
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
}) {
  const set = (patch: Partial<BoardFilters>) => onChange({ ...filters, ...patch });
  const options = useMemo(() => {
    const deps = [...board.departements.values()];
    const regions = new Map(deps.map((d) => [d.region, d.regionName]));
    return {
      regions: [...regions.entries()].sort((a, b) => a[1].localeCompare(b[1], "fr")),
      departements: deps
        .filter((d) => !filters.region || d.region === filters.region)
        .map((d): [string, string] => [d.code, `${d.code} — ${d.name}`]),
      jobs: distinct(board.ambassadors.map((a) => a.job)).map((j): [string, string] => [j, j]),
      administrations: distinct(board.ambassadors.map((a) => a.administration)).map((j): [string, string] => [j, j]),
      levels: distinct(board.students.map((s) => s.level)).map((l): [string, string] => [l, l]),
      schools: distinct(board.students.map((s) => s.school)).map((x): [string, string] => [x, x]),
    };
  }, [board.departements, board.ambassadors, board.students, filters.region]);
  const active = JSON.stringify({ ...filters, sort: "name" }) !== JSON.stringify(noBoardFilters);
  return (
    <div className="binomes-board-filters fr-mb-2w" role="search" aria-label="Filtrer le tableau des binômes">
      <div className="fr-input-group fr-mb-0 binomes-board-filters__search">
        <label className="fr-label" htmlFor="board-search">
          Rechercher (nom, e-mail)
        </label>
        <input
          className="fr-input"
          id="board-search"
          type="search"
          value={filters.query}
          onChange={(e) => set({ query: e.target.value })}
        />
      </div>
      <Select id="board-region" label="Région" value={filters.region} options={options.regions} onChange={(region) => set({ region, departement: "" })} />
      <Select id="board-departement" label="Département" value={filters.departement} options={options.departements} onChange={(departement) => set({ departement })} />
      <Select id="board-job" label="Métier" value={filters.job} options={options.jobs} onChange={(job) => set({ job })} />
      <Select
        id="board-administration"
        label="Administration"
        value={filters.administration}
        options={options.administrations}
        onChange={(administration) => set({ administration })}
      />
      <Select id="board-level" label="Niveau d'études" value={filters.level} options={options.levels} onChange={(level) => set({ level })} />
      <Select id="board-school" label="École" value={filters.school} options={options.schools} onChange={(school) => set({ school })} />
      <Select
        id="board-filter-status"
        label="Statut"
        value={filters.status}
        options={[
          ["proposed", "avec un binôme proposé"],
          ["validated", "avec un binôme validé"],
          ["notified", "avec un binôme notifié"],
          ["confirmed", "avec un binôme confirmé"],
          ["done", "avec un binôme réalisé"],
          ["cancelled", "avec un binôme annulé"],
          ["absent", "avec un binôme absent"],
          ["free", "avec une place libre"],
          ["empty", "sans étudiant"],
        ]}
        onChange={(status) => set({ status: status as BoardFilters["status"] })}
      />
      <div className="fr-input-group fr-mb-0 binomes-board-filters__score">
        <label className="fr-label" htmlFor="board-score-below">
          Points inférieurs à
        </label>
        <input
          className="fr-input"
          id="board-score-below"
          type="number"
          min={0}
          value={filters.scoreBelow}
          onChange={(e) => set({ scoreBelow: e.target.value })}
        />
      </div>
      <div className="fr-select-group fr-mb-0">
        <label className="fr-label" htmlFor="board-sort">
          Trier par
        </label>
        <select className="fr-select" id="board-sort" value={filters.sort} onChange={(e) => set({ sort: e.target.value as BoardFilters["sort"] })}>
          <option value="name">nom</option>
          <option value="weakest">binôme le moins bon</option>
          <option value="places">places libres</option>
          <option value="departement">département</option>
        </select>
      </div>
      {active ? (
        <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" onClick={() => onChange({ ...noBoardFilters, sort: filters.sort })}>
          Effacer les filtres
        </button>
      ) : null}
    </div>
  );
}
