// The summary's charts: ECharts with the SVG renderer (crisp in print), only the parts used.
// The same option builders draw the page's live charts and the printed document's SVGs
// (server-side-rendering mode: a string of SVG, no canvas, no animation).
import * as echarts from 'echarts/core'
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { MonthlyReport } from '../../api/bindings'
import { inertSvg } from '../../utils/svg'

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export type ChartOption = echarts.EChartsCoreOption
type T = (key: string) => string

const font = { fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif" }
const palette = ['#c0392b', '#d98c3a', '#3a7bd5', '#4caf50', '#8e6bbf', '#7f8c8d']

function bars(labels: string[], series: Array<{ name: string; data: number[] }>): ChartOption {
  return {
    color: palette,
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 40, right: 16, top: series.length > 1 ? 40 : 24, bottom: 28 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, barMaxWidth: 36, label: { show: true, position: 'top' } })),
  }
}

export function activitiesChart(r: MonthlyReport, t: T): ChartOption {
  const rows = r.activities.byCategory
  return bars(
    rows.map((c) => c.label),
    [
      { name: t('report.charts.held'), data: rows.map((c) => c.held) },
      { name: t('report.charts.participants'), data: rows.map((c) => c.participants) },
    ],
  )
}

export function wishesChart(r: MonthlyReport, t: T): ChartOption {
  const w = r.wishes
  const keys = ['received', 'published', 'claimed', 'fulfilled', 'fulfilledOnTime'] as const
  return bars(
    keys.map((k) => t(`report.f.${k}`)),
    [{ name: t('report.sections.wishes'), data: keys.map((k) => w[k]) }],
  )
}

export function volunteersChart(r: MonthlyReport): ChartOption {
  return {
    color: palette,
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        label: { formatter: '{b} {c}' },
        data: r.volunteers.byServiceKind.map((k) => ({ name: k.label, value: k.hours })),
      },
    ],
  }
}

export function casesChart(r: MonthlyReport, t: T): ChartOption {
  const rows = r.cases.bySource
  return bars(
    rows.map((s) => s.label),
    [{ name: t('report.sections.cases'), data: rows.map((s) => s.count) }],
  )
}

/** The chart as an SVG string, for the printed document (inserted as markup: made inert). */
export function chartSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  chart.setOption(option)
  const svg = chart.renderToSVGString()
  chart.dispose()
  return inertSvg(svg)
}

export { echarts }
