import type { ReactNode } from "react";

/** The DSFR table structure (wrapper › container › content) around a plain <table>. */
export function TableFrame({ children, noCaption = false }: { children: ReactNode; noCaption?: boolean }) {
  return (
    <div className={noCaption ? "fr-table fr-table--no-caption" : "fr-table"}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">{children}</div>
        </div>
      </div>
    </div>
  );
}
