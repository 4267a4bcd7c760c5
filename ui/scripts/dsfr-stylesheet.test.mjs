import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postcss from "postcss";
import { describe, expect, it } from "vitest";
import { narrowPseudoElementReset } from "./dsfr-stylesheet.mjs";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
// The DSFR's stylesheet as it comes (not public/, which the build has already narrowed).
const original = readFileSync(require.resolve("@codegouvfr/react-dsfr/dsfr/dsfr.min.css"), "utf8");
// The page's two other stylesheets: the icons' (here all of them; the build keeps the ones used) and app.css.
const icons = readFileSync(require.resolve("@codegouvfr/react-dsfr/dsfr/utility/icons/icons.min.css"), "utf8");
const appCss = readFileSync(path.join(here, "..", "src", "app.css"), "utf8");

/**
 * Every rule of `css` as text, in order, and the selectors of the rules that make a ::before or
 * ::after exist (a `content` other than none).
 */
function rulesOf(css) {
  const rules = [];
  const drawn = new Set();
  postcss.parse(css).walkRules((rule) => {
    rules.push(`${rule.parent?.type === "atrule" ? `@${rule.parent.name} ${rule.parent.params} ` : ""}${rule.toString()}`);
    const content = rule.some((d) => d.type === "decl" && d.prop === "content" && !/^(none|normal)$/.test(d.value));
    for (const s of rule.selectors.map((x) => x.trim())) {
      if (content && /::?(before|after)\b/i.test(s) && !s.startsWith("*")) drawn.add(s);
    }
  });
  return { rules, drawn };
}

describe("the DSFR's stylesheet, narrowed (ui/scripts/dsfr-stylesheet.mjs)", () => {
  const narrowed = narrowPseudoElementReset(original, [icons, appCss]);

  it("no longer gives every element's ::before and ::after a style", () => {
    expect(original).toContain("*,*::before,*::after{box-sizing:inherit;}");
    const universal = [];
    postcss.parse(narrowed).walkRules((rule) => {
      for (const s of rule.selectors) if (/^\*::?(before|after)$/.test(s.trim())) universal.push(s);
    });
    expect(universal).toEqual([]);
  });

  it("still gives box-sizing: inherit to every pseudo-element the DSFR draws, and changes nothing else", () => {
    const before = rulesOf(original);
    const after = rulesOf(narrowed);
    const reset = after.rules.findIndex((r) => r.startsWith("*{box-sizing:inherit"));
    expect(reset).toBeGreaterThan(0);
    // Right after the reset, at its place in the cascade: one rule, the selectors of every rule that
    // draws a pseudo-element.
    const added = postcss.parse(after.rules[reset + 1] ?? "").first;
    expect(added?.type).toBe("rule");
    if (added?.type !== "rule") return;
    expect(added.nodes.map((d) => d.toString())).toEqual(["box-sizing:inherit"]);
    const drawn = new Set([...before.drawn, ...rulesOf(icons).drawn, ...rulesOf(appCss).drawn]);
    expect(new Set(added.selectors)).toEqual(drawn);
    expect(before.drawn.size).toBeGreaterThan(200);
    // The icons' own: « Signaler un retrait… » wears a Remix icon drawn by icons.min.css alone.
    expect(added.selectors).toContain('[class*=" ri-"]::before');
    // Everything else, rule for rule, as the DSFR wrote it.
    const untouched = (rules) => rules.filter((r) => !r.includes("box-sizing:inherit"));
    expect(untouched(after.rules)).toEqual(untouched(before.rules));
  });

  it("changes nothing the second time", () => {
    expect(narrowPseudoElementReset(narrowed, [icons, appCss])).toBe(narrowed);
  });

  it("stops the build when the DSFR's reset is not what it expects", () => {
    expect(() => narrowPseudoElementReset("*,*::before,*::after{box-sizing:border-box;}")).toThrow(/no longer/);
    expect(() => narrowPseudoElementReset(".a{color:red}")).toThrow(/not found/);
    // Another rule setting a pseudo-element's box-sizing: the narrower selectors could win over it.
    expect(() =>
      narrowPseudoElementReset("*,*::before,*::after{box-sizing:inherit;}.a::before{content:'';box-sizing:content-box}"),
    ).toThrow(/pseudo-element's box-sizing/);
  });

  it("counts the pseudo-elements the page's other stylesheets draw", () => {
    const extra = ".binomes-note::after{content:'*'}";
    const withExtra = narrowPseudoElementReset(original, [extra]);
    expect(withExtra).toMatch(/,\.binomes-note::after[,{]/);
    expect(narrowPseudoElementReset(original, [])).not.toContain(".binomes-note::after");
    // And refuses one that sets a pseudo-element's box-sizing.
    expect(() => narrowPseudoElementReset(original, [".x::before{content:'';box-sizing:border-box}"])).toThrow(/box-sizing/);
  });
});
