// Fails when tauri.conf.json's security settings are loosened: the CSP (scripts only from the
// app itself, no eval, no inline code, no remote content), the frozen Object.prototype, the isolation pattern.
// The same policy is checked at run time in the real window by tests/e2e/security.rs.
import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const conf = JSON.parse(readFileSync(join(ROOT, 'tauri.conf.json'), 'utf8'))
const security = conf.app.security
const csp: Record<string, string> = security.csp

const sources = (directive: string) => (csp[directive] ?? '').split(/\s+/).filter(Boolean)

describe('tauri.conf.json security', () => {
  it('is a directive map (a string policy would escape these checks)', () => {
    expect(typeof csp).toBe('object')
    expect(security.devCsp ?? null).toBeNull()
    expect(security.dangerousDisableAssetCspModification ?? false).toBe(false)
  })

  it('runs only the app’s own scripts: no eval, no inline, no hosts', () => {
    expect(sources('script-src')).toEqual(["'self'"])
    for (const directive of ['script-src-elem', 'script-src-attr', 'worker-src']) expect(csp[directive]).toBeUndefined()
    const all = Object.values(csp).join(' ')
    expect(all).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/)
  })

  it('allows no inline style but the one Tauri injects to hide the isolation iframe', () => {
    // tauri-utils' IFRAME_STYLE, added as a <style> element by Tauri's isolation script. Element
    // Plus, ECharts and Vue set styles through the CSSOM, which CSP does not govern, so nothing
    // else needs 'unsafe-inline' (tests/e2e/security.rs visits every page and sees no violation).
    const iframeStyle = '#__tauri_isolation__ { display: none !important }'
    const hash = `'sha256-${createHash('sha256').update(iframeStyle).digest('base64')}'`
    expect(sources('style-src')).toEqual(["'self'", hash])
    expect(Object.values(csp).join(' ')).not.toContain("'unsafe-inline'")
  })

  it('loads nothing from the network', () => {
    // the only http: origins are Tauri's local schemes as Windows' WebView2 spells them
    const localOnly = /^(https?:\/\/(ipc|asset)\.localhost)$/
    for (const [directive, value] of Object.entries(csp)) {
      for (const source of value.split(/\s+/).filter(Boolean)) {
        expect(source, `${directive}: ${source}`).not.toBe('*')
        expect(source, `${directive}: ${source}`).not.toMatch(/^(https?:|wss?:)$/)
        if (/^(https?|wss?):\/\//.test(source)) expect(source, `${directive}: ${source}`).toMatch(localOnly)
      }
    }
    expect(sources('connect-src')).toEqual(['ipc:', 'http://ipc.localhost'])
    expect(sources('default-src')).toEqual(["'self'", 'customprotocol:', 'asset:'])
  })

  it('closes the remaining doors', () => {
    expect(sources('object-src')).toEqual(["'none'"])
    expect(sources('base-uri')).toEqual(["'self'"])
    expect(sources('form-action')).toEqual(["'none'"])
    expect(sources('frame-ancestors')).toEqual(["'none'"])
    // No frame-src/child-src: frames fall back to default-src, to which Tauri appends the
    // isolation iframe's origin (a random `isolation-<uuid>:` scheme per build, which a
    // frame-src written here could not name — it would block the isolation frame).
    expect(csp['frame-src']).toBeUndefined()
    expect(csp['child-src']).toBeUndefined()
  })

  it('freezes Object.prototype and keeps the global Tauri object off', () => {
    expect(security.freezePrototype).toBe(true)
    expect(conf.app.withGlobalTauri).toBe(false)
  })

  it('uses the isolation pattern with a hook, and the tauri crates have the feature', () => {
    expect(security.pattern?.use).toBe('isolation')
    const dir = join(ROOT, security.pattern.options.dir)
    expect(existsSync(join(dir, 'index.html'))).toBe(true)
    expect(readFileSync(join(dir, 'isolation.js'), 'utf8')).toContain('window.__TAURI_ISOLATION_HOOK__')
    const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8')
    expect(cargo).toMatch(/^tauri = \{[^}]*features = \[[^\]]*"isolation"/m)
    expect(cargo).toMatch(/^tauri-build = \{[^}]*features = \[[^\]]*"isolation"/m)
  })
})
