import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import map from "../../../assets/carte/departements.json";
import { classColour, classify, classLabels, classOf, FranceMap, NO_DATA, PALETTE, type MapValue } from "./FranceMap";

describe("classify", () => {
  it("cuts ten values into five quantile classes", () => {
    expect(classify([10, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([1, 2, 4, 6, 8, 10]);
  });
  it("gives fewer classes when values repeat, the first one possibly a single value", () => {
    expect(classify([1, 1, 1, 1, 5])).toEqual([1, 1, 5]);
    expect(classify([3, 3, 3])).toEqual([3, 3]);
  });
  it("takes the number of classes asked, and ignores what is not a number", () => {
    expect(classify([0, 10, 20, 30], 2)).toEqual([0, 10, 30]);
    expect(classify([NaN, Infinity, 4])).toEqual([4, 4]);
    expect(classify([])).toEqual([]);
  });
  it("puts each value in its class, upper bounds included", () => {
    const bounds = [1, 2, 4, 6, 8, 10];
    expect([1, 2, 3, 4, 8.5, 10, 12, -1].map((v) => classOf(v, bounds))).toEqual([0, 0, 1, 1, 4, 4, 4, 0]);
    expect(classOf(5, [])).toBeNull();
  });
  it("labels the classes in French", () => {
    expect(classLabels([1, 2, 4, 10], true)).toEqual(["1 à 2", "3 à 4", "5 à 10"]);
    expect(classLabels([1, 1, 5], true)).toEqual(["1", "2 à 5"]);
    expect(classLabels([0.5, 1.25, 2000], false)).toEqual(["0,5 à 1,25", "plus de 1,25 à 2\u00a0000"]);
  });
  it("spreads fewer classes over the whole palette", () => {
    expect([0, 1, 2, 3, 4].map((i) => classColour(i, 5))).toEqual([...PALETTE]);
    expect([0, 1].map((i) => classColour(i, 2))).toEqual([PALETTE[0], PALETTE[4]]);
  });
});

describe("the map's outlines", () => {
  it("has the 101 départements, Corsica and the five overseas ones included", () => {
    const codes = map.departements.map((d) => d.code);
    expect(codes).toHaveLength(101);
    expect(new Set(codes).size).toBe(101);
    for (const code of ["01", "2A", "2B", "75", "95", "971", "972", "973", "974", "976"]) expect(codes).toContain(code);
    expect(map.departements.every((d) => /^M[-\d.]/.test(d.path) && d.path.endsWith("z"))).toBe(true);
  });
});

describe("FranceMap", () => {
  const values = new Map<string, MapValue>([
    ["75", { value: 1200, label: "Paris" }],
    ["2A", { value: 3, label: "Corse-du-Sud" }],
    ["971", { value: 12, label: "Guadeloupe" }],
    ["13", { value: 40, label: "Bouches-du-Rhône" }],
    ["69", { value: 55, label: "Rhône" }],
  ]);
  const html = renderToStaticMarkup(<FranceMap values={values} title="Étudiants par département" legend="Étudiants inscrits" />);

  it("draws one path per département, in an image labelled by its title", () => {
    expect(html.match(/<path /g)).toHaveLength(101);
    expect(html).toMatch(/^<figure[^>]*><svg role="img" aria-labelledby="([^" ]+) ([^"]+)"/);
    const [, titleId] = html.match(/aria-labelledby="([^" ]+) /)!;
    expect(html).toContain(`<title id="${titleId}">Étudiants par département</title>`);
    expect(html).toContain("Étudiants inscrits : 5 départements renseignés sur 101");
  });

  it("gives each département a title with its code, label and value", () => {
    expect(html).toContain("<title>75 Paris\u00a0: 1\u00a0200</title>");
    expect(html).toContain("<title>2A Corse-du-Sud\u00a0: 3</title>");
    expect(html).toContain("<title>971 Guadeloupe\u00a0: 12</title>");
    expect(html).toContain("<title>01 Ain\u00a0: pas de données</title>");
  });

  it("fills by class, grey without data, and shows the legend and the source", () => {
    expect(html.match(new RegExp(`fill="${NO_DATA}"`, "g"))).toHaveLength(96);
    expect(html).toMatch(new RegExp(`d="M[^"]+" fill="${PALETTE[4]}"><title>75 Paris`));
    expect(html).toMatch(new RegExp(`d="M[^"]+" fill="${PALETTE[0]}"><title>2A Corse-du-Sud`));
    for (const label of ["3", "4 à 12", "13 à 40", "41 à 55", "56 à 1\u00a0200", "pas de données"]) expect(html).toContain(`</span>${label}</li>`);
    expect(html).toContain("CC BY 4.0");
  });

  it("makes départements buttons when they can be selected", () => {
    const interactive = renderToStaticMarkup(<FranceMap values={values} title="t" legend="l" onSelect={() => {}} />);
    expect(interactive).toContain('<svg role="group"');
    expect(interactive.match(/role="button" tabindex="0"/g)).toHaveLength(101);
  });
});
