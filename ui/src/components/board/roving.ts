import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";

// The board's lists as one Tab stop each, with the arrows inside (#18; WAI-ARIA's « roving
// tabindex »): Tab reaches the list on one item, Up/Down go to the previous/next item, Home/End to
// the first/last, Enter and Space act on it as before (Enter selects a student, Space picks them
// up for dnd-kit's keyboard drag, during which the arrows are dnd-kit's). Without it, reaching
// the students without a pair took ~355 Tab presses.
//
// The lists are virtual (only the rows in view are in the page) and their rows are memoised
// React components; the Tab stop is kept on the DOM nodes themselves — every item is rendered
// with tabIndex -1 and this hook gives 0 to one of them — so that no row renders again when the
// focus moves, and a row that comes into view finds its place at once (a MutationObserver).

export type Edge = "first" | "last";

export type RovingOptions = {
  /** What an item of the list is (each carries its key in `data-rove`). */
  itemSelector?: string;
  /** A drag is under way: the arrows move the dragged student, not the focus (default: a chip
   * is being dragged). */
  dragging?: () => boolean;
  /** For a virtual list: brings its first or last row into the page, and says whether it is
   * there yet (Home/End wait for it). */
  reveal?: (edge: Edge) => void;
  revealed?: (edge: Edge) => boolean;
};

const ITEM = "[data-rove]";

/** dnd-kit's drag under way (the dragged chip says it): its keyboard sensor has the arrows. */
const chipDragged = () => document.querySelector(".binomes-chip--dragging") !== null;

/** The item that is the list's Tab stop: the one last focused if still in the page, else the
 * first in view, else the first rendered. Pure over the DOM (tested through the app). */
export function tabStopOf(items: HTMLElement[], current: string | null, view: { top: number; bottom: number } | null): HTMLElement | null {
  const remembered = current === null ? undefined : items.find((el) => el.dataset.rove === current);
  if (remembered) return remembered;
  if (view) {
    const inView = items.find((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.bottom > view.top && r.top < view.bottom;
    });
    if (inView) return inView;
  }
  return items[0] ?? null;
}

/** Makes the list under `container` one Tab stop with arrows inside. */
export function useRovingFocus(container: RefObject<HTMLElement | null>, options: RovingOptions) {
  const { itemSelector = ITEM } = options;
  // The options change on every render (closures over the list): read when needed.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  // The list's element may come later (a list shown once it has items): followed after each render.
  const [root, setRoot] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (container.current !== root) setRoot(container.current);
  });
  useEffect(() => {
    if (!root) return;
    let current: string | null = null;
    const items = () => [...root.querySelectorAll<HTMLElement>(itemSelector)];
    const view = () => {
      const r = root.getBoundingClientRect();
      return { top: Math.max(r.top, 0), bottom: Math.min(r.bottom, window.innerHeight) };
    };
    const apply = () => {
      const all = items();
      const stop = tabStopOf(all, current, view());
      for (const el of all) {
        const wanted = el === stop ? "0" : "-1";
        if (el.getAttribute("tabindex") !== wanted) el.setAttribute("tabindex", wanted);
      }
    };
    const go = (el: HTMLElement | undefined | null) => {
      if (!el) return;
      current = el.dataset.rove ?? null;
      apply();
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
    };
    const onFocusIn = (event: FocusEvent) => {
      const item = (event.target as HTMLElement).closest<HTMLElement>(itemSelector);
      if (!item || !root.contains(item)) return;
      current = item.dataset.rove ?? null;
      apply();
    };
    const toEdge = (edge: Edge) => {
      const { reveal, revealed } = latest.current;
      if (!reveal || !revealed) {
        const all = items();
        go(edge === "first" ? all[0] : all[all.length - 1]);
        return;
      }
      reveal(edge);
      // The virtual list draws the row a frame or two later.
      const until = performance.now() + 1_000;
      const attempt = () => {
        if (revealed(edge) || performance.now() > until) {
          const all = items();
          go(edge === "first" ? all[0] : all[all.length - 1]);
        } else requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
      const item = (event.target as HTMLElement).closest<HTMLElement>(itemSelector);
      if (!item || !root.contains(item) || (latest.current.dragging ?? chipDragged)()) return;
      const all = items();
      const at = all.indexOf(item);
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          go(all[at + 1]);
          break;
        case "ArrowUp":
          event.preventDefault();
          go(all[at - 1]);
          break;
        case "Home":
          event.preventDefault();
          toEdge("first");
          break;
        case "End":
          event.preventDefault();
          toEdge("last");
          break;
        default:
      }
    };
    // Rows come and go as the list scrolls or changes: each new one is given its tabindex.
    const observer = new MutationObserver(apply);
    observer.observe(root, { childList: true, subtree: true });
    root.addEventListener("focusin", onFocusIn);
    root.addEventListener("keydown", onKeyDown);
    apply();
    return () => {
      observer.disconnect();
      root.removeEventListener("focusin", onFocusIn);
      root.removeEventListener("keydown", onKeyDown);
    };
  }, [root, itemSelector]);
}
