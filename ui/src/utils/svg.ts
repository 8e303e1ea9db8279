// SVG that the page inserts as markup (v-html: ECharts' server-side SVG of the summary's
// charts, the core's QR codes) passes through here first. Their text comes from data a person
// typed (activity categories, service kinds), so whatever drew them, only drawing survives:
// elements outside an SVG drawing allowlist, event handlers and links that leave the
// document are removed. A string that does not parse as SVG becomes nothing.

const DRAWING = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan',
  'defs', 'clippath', 'lineargradient', 'radialgradient', 'stop', 'title', 'desc', 'pattern', 'mask',
])

export function inertSvg(markup: string): string {
  if (!markup.trim()) return ''
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml')
  const root = doc.documentElement
  if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return ''
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!DRAWING.has(el.localName.toLowerCase())) {
      el.remove()
      continue
    }
    scrub(el)
  }
  scrub(root)
  return new XMLSerializer().serializeToString(root)
}

function scrub(el: Element) {
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase()
    const value = attr.value.trim().toLowerCase()
    const leaves = (name === 'href' || name.endsWith(':href')) && !value.startsWith('#')
    if (name.startsWith('on') || leaves || value.startsWith('javascript:')) el.removeAttribute(attr.name)
  }
}
