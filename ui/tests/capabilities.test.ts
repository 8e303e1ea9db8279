// Cross-checks the two windows' capability files (src-tauri/capabilities/) against the code
// each window can load. The desk and kiosk are separate lazy chunks (src/main.ts); an area's
// `kioskRoutes` belong to the kiosk, everything else it lazily imports to the desk. From each
// window's entry we follow the imports, collect the commands its modules call (directly, or
// through an imported api wrapper such as `wishesKioskPost`), and require:
//   - every command a window's code calls is granted to that window,
//   - every command granted to a window is called by that window's code (no idle grants),
//   - no plugin permissions (`core:…`, `dialog:…`): the UI calls no plugin command; native
//     dialogs are opened from Rust.
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const UI = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SRC = join(UI, 'src')
const ROOT = resolve(UI, '..')

type Module = {
  /** what the module's own code calls: top-level code, components' scripts */
  own: Use
  /** exported function or constant → what it calls */
  exports: Map<string, Use>
  /** resolved import path → local name → the name exported there ('*' namespaces by member) */
  imports: Map<string, Map<string, string>>
  /** lazily imported modules; in an area's index.ts, split by window (kioskRoutes or not) */
  lazy: string[]
  lazyDesk: string[]
  lazyKiosk: string[]
  staticImports: string[]
}

/** Commands called literally, and imported names referenced, by one piece of a module. */
type Use = { commands: Set<string>; refs: Set<string> }

const CALL = /\b(?:call|invoke)\s*(?:<[^()]*?>)?\s*\(\s*['"`]([a-z0-9_:|-]+)['"`]/g

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (/\.(ts|vue)$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null
}

/** The text of `key: [ … ]` (bracket-matched), or '' when absent. */
function arrayBlock(text: string, key: string): string {
  const start = text.search(new RegExp(`\\b${key}\\s*:\\s*\\[`))
  if (start < 0) return ''
  let depth = 0
  for (let i = text.indexOf('[', start); i < text.length; i++) {
    if (text[i] === '[') depth++
    else if (text[i] === ']' && --depth === 0) return text.slice(start, i + 1)
  }
  throw new Error(`unbalanced ${key} block`)
}

const cache = new Map<string, Module>()

function parse(file: string): Module {
  const cached = cache.get(file)
  if (cached) return cached
  const text = readFileSync(file, 'utf8')
  const mod: Module = {
    own: { commands: new Set(), refs: new Set() },
    exports: new Map(),
    imports: new Map(),
    lazy: [],
    lazyDesk: [],
    lazyKiosk: [],
    staticImports: [],
  }
  const localNames = new Map<string, [string, string]>() // local → [module, exported name]
  for (const m of text.matchAll(/import\s+(?!type\b)([^'";]*?)\s+from\s+['"]([^'"]+)['"]/gs)) {
    const target = resolveImport(file, m[2])
    if (!target) continue
    mod.staticImports.push(target)
    const names = mod.imports.get(target) ?? new Map<string, string>()
    const named = m[1].match(/\{([^}]*)\}/s)
    for (const part of named ? named[1].split(',') : []) {
      const [exported, local] = part.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/)
      if (exported) localNames.set(local ?? exported, [target, exported])
    }
    const ns = m[1].match(/\*\s+as\s+([A-Za-z0-9_$]+)/)
    if (ns) {
      for (const u of text.matchAll(new RegExp(`\\b${ns[1]}\\.([A-Za-z0-9_$]+)`, 'g'))) {
        localNames.set(`${ns[1]}.${u[1]}`, [target, u[1]])
      }
    }
    mod.imports.set(target, names)
  }
  const use = (piece: string): Use => {
    const refs = new Set<string>()
    for (const local of localNames.keys()) {
      const re = local.includes('.') ? local.replace('.', '\\s*\\.\\s*') : `\\b${local}\\b`
      if (new RegExp(re).test(piece)) refs.add(local)
    }
    return { commands: new Set([...piece.matchAll(CALL)].map((m) => m[1])), refs }
  }
  // Each exported declaration runs to the next one; code before the first is the module's own
  // (a .vue file's <script setup> has no exports, so all of it is its own).
  const body = text.replace(/import\s+[^'";]*?\s+from\s+['"][^'"]+['"]/gs, (m) => ' '.repeat(m.length))
  const starts = [...body.matchAll(/^export\s+(?:const|let|async\s+function|function)\s+([A-Za-z0-9_$]+)/gm)]
  mod.own = use(starts.length ? body.slice(0, starts[0].index) : body)
  starts.forEach((m, i) => {
    mod.exports.set(m[1], use(body.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : body.length)))
  })
  for (const [local, [target, exported]] of localNames) mod.imports.get(target)!.set(local, exported)

  const lazyRe = /import\(\s*['"]([^'"]+)['"]\s*\)/g
  const isAreaIndex = /\/areas\/[^/]+\/index\.ts$/.test(file)
  const kioskBlock = isAreaIndex ? arrayBlock(text, 'kioskRoutes') : ''
  const kioskLazy = new Set([...kioskBlock.matchAll(lazyRe)].map((m) => resolveImport(file, m[1])))
  for (const m of text.matchAll(lazyRe)) {
    const target = resolveImport(file, m[1])
    if (!target) continue
    if (!isAreaIndex) mod.lazy.push(target)
    else if (kioskLazy.has(target)) mod.lazyKiosk.push(target)
    else mod.lazyDesk.push(target)
  }
  // import.meta.glob('./*/index.ts', { eager: true }) in areas/index.ts
  if (/import\.meta\.glob[^(]*\(\s*['"]\.\/\*\/index\.ts['"]/.test(text)) {
    for (const dir of readdirSync(dirname(file), { withFileTypes: true })) {
      const index = join(dirname(file), dir.name, 'index.ts')
      if (dir.isDirectory() && existsSync(index)) mod.staticImports.push(index)
    }
  }
  cache.set(file, mod)
  return mod
}

/** Commands reached from one piece of a module, following the imported functions it names. */
function commandsOf(file: string, piece: Use, seen = new Set<string>()): Set<string> {
  const out = new Set(piece.commands)
  const mod = parse(file)
  for (const [target, names] of mod.imports) {
    for (const [local, exported] of names) {
      const key = `${target}#${exported}`
      if (!piece.refs.has(local) || seen.has(key)) continue
      seen.add(key)
      const inner = parse(target).exports.get(exported)
      if (inner) for (const c of commandsOf(target, inner, seen)) out.add(c)
    }
  }
  return out
}

/** Commands the code of one window can call, starting from its boot module. */
function windowCommands(entry: string, kind: 'desk' | 'kiosk'): Map<string, string[]> {
  const seen = new Set<string>()
  // A module loaded by import() (or the entry) is used as a whole, through its namespace
  // object; a statically imported one only for the names its importers reference.
  const queue: Array<[string, boolean]> = [[join(SRC, entry), true]]
  const used = new Map<string, string[]>()
  while (queue.length) {
    const [file, whole] = queue.pop()!
    const key = `${file}|${whole}`
    if (seen.has(key)) continue
    seen.add(key)
    const mod = parse(file)
    const pieces = whole ? [mod.own, ...mod.exports.values()] : [mod.own]
    for (const piece of pieces) {
      for (const cmd of commandsOf(file, piece)) used.set(cmd, [...(used.get(cmd) ?? []), file.slice(SRC.length + 1)])
    }
    // an area's kiosk routes are the kiosk's; the rest of its lazy imports are the desk's
    const lazy = [...mod.lazy, ...(kind === 'kiosk' ? mod.lazyKiosk : mod.lazyDesk)]
    queue.push(...mod.staticImports.map((f): [string, boolean] => [f, false]), ...lazy.map((f): [string, boolean] => [f, true]))
  }
  return used
}

function granted(window: 'desk' | 'kiosk'): string[] {
  const caps = JSON.parse(readFileSync(join(ROOT, 'src-tauri/capabilities', `${window}.json`), 'utf8'))
  expect(caps.windows).toEqual([window])
  return caps.permissions as string[]
}

/**
 * Desk grants no desk page calls, kept because the end-to-end tests drive them through the real
 * desk window (each is a staff command behind login and role checks in Rust):
 */
const DESK_FOR_E2E: Record<string, string> = {
  // tests/e2e/cases.rs: overdue cases escalate once; a second tick escalates nothing
  cases_tick: 'tests/e2e/cases.rs',
  // tests/e2e/volunteers.rs: an overlapping extra shift is refused when assigning
  volunteers_shift_create: 'tests/e2e/volunteers.rs',
}

const toCommand = (permission: string) => permission.replace(/^allow-/, '').replace(/-/g, '_')

function declaredCommands(): Set<string> {
  const build = readFileSync(join(ROOT, 'src-tauri/build.rs'), 'utf8')
  const list = build.slice(build.indexOf('.commands(&['), build.indexOf(']);'))
  return new Set([...list.matchAll(/"([a-z0-9_]+)"/g)].map((m) => m[1]))
}

describe('capabilities list exactly what each window uses', () => {
  const desk = windowCommands('boot/desk.ts', 'desk')
  const kiosk = windowCommands('boot/kiosk.ts', 'kiosk')

  it('the analysis sees both windows’ code', () => {
    // guards against a parser that silently finds nothing
    expect(desk.size).toBeGreaterThan(100)
    expect(kiosk.size).toBeGreaterThan(15)
    expect(desk.has('residents_search') && desk.has('wishes_board') && desk.has('print_pdf')).toBe(true)
    expect(kiosk.has('wishes_kiosk_post') && kiosk.has('activities_kiosk_book') && kiosk.has('kiosk_exit')).toBe(true)
    expect(kiosk.has('residents_search')).toBe(false)
  })

  for (const window of ['desk', 'kiosk'] as const) {
    const used = window === 'desk' ? desk : kiosk
    it(`${window}: every command its code calls is granted, and declared in build.rs`, () => {
      const grants = new Set(granted(window).map(toCommand))
      const declared = declaredCommands()
      const missing = [...used.keys()].filter((c) => !grants.has(c)).map((c) => `${c} (${used.get(c)!.join(', ')})`)
      expect(missing).toEqual([])
      expect([...used.keys()].filter((c) => !declared.has(c))).toEqual([])
    })

    it(`${window}: every granted command is called by its code, and no plugin permission is granted`, () => {
      const permissions = granted(window)
      expect(permissions.filter((p) => p.includes(':'))).toEqual([])
      expect(permissions.filter((p) => !p.startsWith('allow-'))).toEqual([])
      const extra = window === 'desk' ? DESK_FOR_E2E : {}
      expect(permissions.map(toCommand).filter((c) => !used.has(c) && !(c in extra))).toEqual([])
      for (const [command, test] of Object.entries(extra)) {
        // the exception stays honest: still granted, still not used by the pages, still tested
        expect(permissions).toContain(`allow-${command.replace(/_/g, '-')}`)
        expect(used.has(command)).toBe(false)
        expect(readFileSync(join(ROOT, test), 'utf8')).toContain(`"${command}"`)
      }
      expect(new Set(permissions).size).toBe(permissions.length)
    })
  }
})
