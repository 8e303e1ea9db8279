// The SVG the page inserts as markup keeps its drawing and loses anything that could run.
import { describe, expect, it } from 'vitest'
import { inertSvg } from '../src/utils/svg'
import { activitiesChart, chartSvg } from '../src/areas/report/charts'
import type { MonthlyReport } from '../src/api/bindings'

const HOSTILE = '<img src=x onerror=pwn=1>讲座<script>pwn=2</script>'

function parse(svg: string) {
  return new DOMParser().parseFromString(svg, 'image/svg+xml')
}

describe('inertSvg', () => {
  it('removes scripts, foreign content, handlers and links that leave the document', () => {
    const crafted = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="pwn=1">
      <script>pwn=2</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="pwn=3"/></div></foreignObject>
      <a href="javascript:pwn=4"><text>点我</text></a><use xlink:href="https://evil.example/x.svg#a"/>
      <g onclick="pwn=5"><rect width="10" height="10" fill="#c0392b"/><text x="1" y="9">活动 12</text></g>
      <linearGradient id="g1"/><rect fill="url(#g1)" width="1" height="1"/></svg>`
    const out = inertSvg(crafted)
    expect(out).not.toMatch(/script|foreignObject|onerror|onload|onclick|javascript:|evil\.example|<img|<a /i)
    const doc = parse(out)
    expect(doc.querySelectorAll('rect')).toHaveLength(2)
    expect(doc.documentElement.textContent).toContain('活动 12')
  })

  it('turns what is not SVG into nothing', () => {
    expect(inertSvg('')).toBe('')
    expect(inertSvg('<div onclick="x">不是图</div>')).toBe('')
    expect(inertSvg('<svg><g></svg')).toBe('')
  })
})

describe('the summary charts in print', () => {
  it('show a category typed as HTML as text, and keep the bars', () => {
    const report = {
      activities: { byCategory: [{ label: HOSTILE, held: 3, participants: 40, noShows: 2, attendanceRate: 0.95 }] },
    } as unknown as MonthlyReport
    const svg = chartSvg(activitiesChart(report, (k) => k), 600, 300)
    const doc = parse(svg)
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    expect(doc.querySelectorAll('img, script, foreignObject, [onerror]')).toHaveLength(0)
    expect(doc.documentElement.textContent).toContain('<img src=x onerror=pwn=1>讲座')
    expect(doc.querySelectorAll('path').length).toBeGreaterThan(0)
  })

  it('lose nothing of an ordinary chart', () => {
    const report = {
      activities: { byCategory: [{ label: '健康讲座', held: 3, participants: 40, noShows: 2, attendanceRate: 0.95 }] },
    } as unknown as MonthlyReport
    const drawn = chartSvg(activitiesChart(report, (k) => k), 600, 300)
    const count = (svg: string) => parse(svg).querySelectorAll('*').length
    expect(count(inertSvg(drawn))).toBe(count(drawn))
    expect(count(drawn)).toBeGreaterThan(10)
  })
})
