import { useEffect, useRef, useState, type ReactNode } from "react";

/** The DSFR table structure (wrapper › container › content) around a plain <table>. */
export function TableFrame({ children, noCaption = false }: { children: ReactNode; noCaption?: boolean }) {
  // A table wider or taller than its frame (in a dialog, a narrow window) scrolls inside it: then
  // the frame is a Tab stop named after the table's caption, so that the keyboard scrolls it too
  // (RGAA 12.13, WCAG 2.1.1; axe-core's scrollable-region-focusable, #18). A table that fits adds
  // no Tab stop.
  const container = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState<string | null>(null);
  useEffect(() => {
    const node = container.current;
    if (!node || typeof ResizeObserver === "undefined") return;
    const measure = () => {
      const overflows = node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1;
      const caption = node.querySelector("caption")?.textContent?.trim();
      setScrolls(overflows ? caption || "Tableau" : null);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    const table = node.querySelector("table");
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, []);
  return (
    <div className={noCaption ? "fr-table fr-table--no-caption" : "fr-table"}>
      <div className="fr-table__wrapper">
        <div
          ref={container}
          className="fr-table__container"
          tabIndex={scrolls !== null ? 0 : undefined}
          role={scrolls !== null ? "region" : undefined}
          aria-label={scrolls !== null ? `${scrolls} (défile)` : undefined}
        >
          <div className="fr-table__content">{children}</div>
        </div>
      </div>
    </div>
  );
}
