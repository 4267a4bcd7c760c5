// Run before each build (package.json's `prebuild`, after `copy-dsfr-to-public`): narrows one rule
// of the DSFR's stylesheet, `public/dsfr/dsfr.min.css`, without changing what any element looks like.
//
// The DSFR's reset has `*, *::before, *::after { box-sizing: inherit }`. A `::before` or `::after`
// rule matching every element makes WebKit work out both pseudo-elements' styles for every element
// of the page whenever the page is restyled — even though almost none of them has any `content` —
// and whole-page restyles are what a modal dialog sets off when it opens and closes (`inert` on the
// rest of the page). On the 2,000 × 1,500 board that was 10 of the 25 ms such a restyle takes
// (README, « The app »).
//
// A pseudo-element exists only where a rule gives it a `content` (other than `none`), and every such
// rule of the page is a `…::before` or `…::after` rule of the page's three stylesheets (the DSFR's,
// its icons' and app.css). So `*::before` and `*::after` are replaced by the selectors of those
// rules, with the same declaration: each pseudo-element that exists still inherits its box-sizing,
// and WebKit files each selector under its own class instead of trying it on every element. No other
// rule sets a pseudo-element's box-sizing (checked below), so the narrower selectors' specificity
// cannot change the cascade. A stylesheet added to the page must be added to `others` below.
//
// It stops the build if the DSFR's reset is no longer what it expects (a new DSFR version: look at
// the rule again).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postcss from "postcss";

const PSEUDO_ELEMENT = /::?(before|after)\b/i;
const UNIVERSAL = new Set(["*::before", "*::after"]);

/** The selectors of `rule`, split at its top-level commas (postcss knows brackets and strings). */
const selectorsOf = (rule) => rule.selectors.map((s) => s.trim());

/** Whether `rule` makes its pseudo-elements exist: a `content` other than `none` or `normal`. */
const givesContent = (rule) =>
  rule.some((node) => node.type === "decl" && node.prop.toLowerCase() === "content" && !/^(none|normal)$/i.test(node.value.trim()));

/**
 * The selectors of `root`'s rules that draw a ::before or ::after, into `drawn`; those of its rules
 * that set a pseudo-element's box-sizing, into `boxSizing`; its rules with `*::before` or
 * `*::after`, into `resets`.
 */
function survey(root, { drawn, boxSizing, resets }) {
  root.walkRules((rule) => {
    // Keyframes' steps (`from`, `50%`) are rules too, but never pseudo-elements.
    if (rule.parent?.type === "atrule" && /keyframes$/i.test(rule.parent.name)) return;
    const selectors = selectorsOf(rule);
    if (selectors.some((s) => UNIVERSAL.has(s))) {
      resets.push(rule);
      return;
    }
    const pseudo = selectors.filter((s) => PSEUDO_ELEMENT.test(s));
    if (pseudo.length === 0) return;
    if (givesContent(rule)) for (const s of pseudo) drawn.add(s);
    if (rule.some((node) => node.type === "decl" && node.prop.toLowerCase() === "box-sizing")) boxSizing.push(rule.selector);
  });
}

/**
 * Narrows the reset rule of `css` (the DSFR's stylesheet) to the pseudo-elements drawn by it and by
 * `others`, the page's other stylesheets; returns the stylesheet unchanged when already done.
 */
export function narrowPseudoElementReset(css, others = []) {
  const root = postcss.parse(css);
  const resets = [];
  const found = { drawn: new Set(), boxSizing: [], resets };
  survey(root, found);
  for (const other of others) survey(postcss.parse(other), { ...found, resets: [] });
  const { drawn: pseudoSelectors, boxSizing: boxSizingOnPseudo } = found;
  if (resets.length === 0) {
    if (root.toString().includes("binomes: narrowed")) return css;
    throw new Error("dsfr-stylesheet: the DSFR's reset `*, *::before, *::after { box-sizing: inherit }` was not found");
  }
  if (resets.length > 1) throw new Error(`dsfr-stylesheet: ${resets.length} rules with *::before or *::after, one expected`);
  const [reset] = resets;
  const declarations = reset.nodes.filter((node) => node.type === "decl");
  if (reset.parent?.type !== "root" || declarations.length !== 1 || declarations[0].prop !== "box-sizing" || declarations[0].value !== "inherit") {
    throw new Error(`dsfr-stylesheet: the DSFR's reset is no longer \`box-sizing: inherit\` alone: ${reset.toString()}`);
  }
  if (boxSizingOnPseudo.length > 0) {
    throw new Error(`dsfr-stylesheet: rules set a pseudo-element's box-sizing, the narrowed reset could change them: ${boxSizingOnPseudo.join(" | ")}`);
  }
  const rest = selectorsOf(reset).filter((s) => !UNIVERSAL.has(s));
  const narrowed = postcss.rule({ selector: [...pseudoSelectors].join(",") });
  narrowed.append(declarations[0].clone());
  reset.before(postcss.comment({ text: "binomes: narrowed *::before, *::after (ui/scripts/dsfr-stylesheet.mjs)" }));
  if (rest.length > 0) {
    reset.selectors = rest;
    reset.after(narrowed);
  } else {
    reset.replaceWith(narrowed);
  }
  return root.toString();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // From the DSFR's own file every time (copy-dsfr-to-public copies it only when its version
  // changes), so that an icon newly used — only-include-used-icons rewrites icons.min.css — is counted.
  const ui = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
  const original = readFileSync(createRequire(import.meta.url).resolve("@codegouvfr/react-dsfr/dsfr/dsfr.min.css"), "utf8");
  const others = [path.join(ui, "public", "dsfr", "utility", "icons", "icons.min.css"), path.join(ui, "src", "app.css")];
  const narrowed = narrowPseudoElementReset(original, others.map((file) => readFileSync(file, "utf8")));
  const target = path.join(ui, "public", "dsfr", "dsfr.min.css");
  if (readFileSync(target, "utf8") !== narrowed) writeFileSync(target, narrowed);
}
