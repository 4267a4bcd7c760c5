import { createElement } from "react";
import { createModal as createDsfrModal, type ModalProps } from "@codegouvfr/react-dsfr/Modal";

// The DSFR's dialogs, opened when asked, on their first useful field, and giving the focus back
// to what opened them (#18: the DSFR focuses « Fermer » when a dialog opens, and a dialog closed
// by one of its actions leaves the focus in itself, hidden, at the bottom of the page).
//
// `open` also waits for the DSFR to have bound the dialog: the DSFR binds it a few frames after
// React has put it in the page (a MutationObserver, then its own animation frames), and until
// then `disclose()` does nothing, or `window.dsfr(el).modal` does not exist yet. The board
// mounts its dialogs with itself, once read, so a click in those first frames would open
// nothing. (The clicks the e2e harness used to repeat were not this: they landed beside the
// button as the page moved under it — see app.css, `.binomes-tabs`.)

/** What the DSFR says of a bound dialog (its proxy). */
type DsfrModal = {
  disclose: () => boolean;
  conceal: () => boolean;
  isDisclosed: boolean;
  isEnabled: boolean;
  isActive: boolean;
};

declare global {
  interface Window {
    dsfr?: (element: Element) => { modal?: DsfrModal } | undefined;
  }
}

/** The dialog's DSFR instance, once bound and able to open. */
function boundModal(id: string): DsfrModal | null {
  const element = document.getElementById(id);
  if (!element || typeof window.dsfr !== "function") return null;
  const modal = window.dsfr(element)?.modal;
  return modal && modal.isEnabled && modal.isActive ? modal : null;
}

/** How long a dialog asked for may wait for the DSFR to bind it: far more than it takes (a few
 * frames), less than a person would wait for a click to do something. */
const BINDING_WAIT_MS = 3_000;

/** What had the focus when each dialog was asked for, to give it back when it closes. */
const openers = new Map<string, HTMLElement>();
/** Dialogs that place the focus themselves when they open (« Affecter à… »: on the best choice). */
const ownFocus = new Set<string>();

/** The dialog's title, made focusable (not a Tab stop). */
function titleOf(dialog: HTMLElement): HTMLElement | null {
  const title = dialog.querySelector<HTMLElement>(".fr-modal__title");
  if (title && !title.hasAttribute("tabindex")) title.setAttribute("tabindex", "-1");
  return title;
}

/** The first useful field of an open dialog: what it marks `data-autofocus`, else its first
 * field, else its first button in its text (a choice), else its first action (usually
 * « Annuler »), else its scrolling table, else its title — never « Fermer », which the DSFR would focus. */
export function firstUsefulField(dialog: HTMLElement): HTMLElement | null {
  const usable = (el: HTMLElement) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0;
  const pick = (selector: string) => [...dialog.querySelectorAll<HTMLElement>(selector)].find(usable) ?? null;
  return (
    pick("[data-autofocus]") ??
    pick(".fr-modal__content input:not([type=hidden]), .fr-modal__content select, .fr-modal__content textarea") ??
    pick(".fr-modal__content button") ??
    pick(".fr-modal__footer button") ??
    // A dialog to read (« Pourquoi ? », « Historique »): its table, when it scrolls (TableFrame),
    // else its title, read first by screen readers, Tab going on to what follows.
    pick('.fr-modal__content [tabindex="0"]') ??
    titleOf(dialog)
  );
}

/** Focuses the dialog's first useful field once the dialog can take the focus (it fades in:
 * a focus given before is lost), and again if the DSFR then puts it on « Fermer » (it does so
 * once the dialog is shown, when what has the focus is not a Tab stop, as a dialog's title) —
 * until the person presses a key or clicks. */
function focusFirstUseful(dialog: HTMLElement) {
  const until = performance.now() + 2_000;
  let acted = false;
  const act = () => {
    acted = true;
  };
  document.addEventListener("keydown", act, { capture: true, once: true });
  document.addEventListener("pointerdown", act, { capture: true, once: true });
  const attempt = () => {
    // Still open (the DSFR says it opens before it marks it so: from the next frame on).
    if (acted || !dialog.classList.contains("fr-modal--opened") || performance.now() > until) {
      document.removeEventListener("keydown", act, { capture: true });
      document.removeEventListener("pointerdown", act, { capture: true });
      return;
    }
    const active = document.activeElement;
    const misplaced = !active || active === document.body || !dialog.contains(active) || active === dialog || active.classList.contains("fr-btn--close");
    if (misplaced) firstUsefulField(dialog)?.focus();
    requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** Gives the focus back to what opened the dialog, if the focus is lost (on the page's body, or
 * left in the closed dialog). A dialog's action may have put it somewhere better: kept then. */
function giveFocusBack(id: string, dialog: HTMLElement) {
  const opener = openers.get(id);
  openers.delete(id);
  requestAnimationFrame(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body || dialog.contains(active);
    if (lost && opener?.isConnected && opener.getClientRects().length > 0) opener.focus();
  });
}

let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  document.addEventListener("dsfr.disclose", (event) => {
    const dialog = event.target as HTMLElement;
    if (!dialog.classList?.contains("fr-modal")) return;
    // Opened by the DSFR itself (a control button): what had the focus opened it.
    if (!openers.has(dialog.id) && document.activeElement instanceof HTMLElement && !dialog.contains(document.activeElement)) {
      openers.set(dialog.id, document.activeElement);
    }
    if (!ownFocus.has(dialog.id)) focusFirstUseful(dialog);
  });
  // The DSFR leaves Escape to any focused <input> (for a search field, which clears itself with
  // it): a dialog opened on its first field would then not close with Escape, as a dialog does
  // (WAI-ARIA). Only a search field keeps it.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    if (!(target instanceof HTMLInputElement) || target.type === "search") return;
    const dialog = target.closest<HTMLElement>(".fr-modal.fr-modal--opened");
    const modal = dialog && typeof window.dsfr === "function" ? window.dsfr(dialog)?.modal : undefined;
    if (modal?.isDisclosed) modal.conceal();
  });
  document.addEventListener("dsfr.conceal", (event) => {
    const dialog = event.target as HTMLElement;
    if (dialog.classList?.contains("fr-modal")) giveFocusBack(dialog.id, dialog);
  });
}

/** The DSFR's `createModal`, whose `open` waits for the DSFR to have bound the dialog and which
 * focuses the dialog's first useful field and gives the focus back; its title is an <h2>. `ownFocus`: the dialog
 * places the focus itself when it opens. */
export function createModal(params: { id: string; isOpenedByDefault: boolean; ownFocus?: boolean }) {
  const modal = createDsfrModal({ id: params.id, isOpenedByDefault: params.isOpenedByDefault });
  if (params.ownFocus) ownFocus.add(params.id);
  listen();
  const open = () => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body) openers.set(params.id, active);
    const until = performance.now() + BINDING_WAIT_MS;
    const attempt = () => {
      const bound = boundModal(params.id);
      if (bound) {
        bound.disclose();
        return;
      }
      if (performance.now() < until) requestAnimationFrame(attempt);
    };
    attempt();
  };
  const close = () => {
    if (boundModal(params.id)?.isDisclosed) modal.close();
  };
  // The page has its one <h1>; a dialog's title is the next level, not a second <h1> (the DSFR's
  // default; #18, headings in order).
  const Component = (props: ModalProps) => createElement(modal.Component, { titleAs: "h2", ...props });
  return { ...modal, Component, open, close };
}
