// Accessibility bar of the kiosk screens: axe-core finds no violations (WCAG 2.x A/AA rules)
// and the 适老化 sizes hold (buttons ≥ 64 px, text ≥ 24 px), in Chromium against the built
// UI (ui/dist, served by `vite preview`) with the Tauri IPC mocked. Portrait 1080×1920 and
// landscape 1920×1080, every kiosk screen (activities, bookings, wishes, rating, the wish helper,
// volunteers, about, the exit PIN). Run: `npm run test:a11y` (after `npx vite build`).

import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const ui = join(here, '..', '..')
const PORT = 4187
const BASE = `http://127.0.0.1:${PORT}/`
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
// A11Y_SHOTS=DIR also saves a screenshot of every screen at both sizes (to look at them).
const SHOTS = process.env.A11Y_SHOTS

if (!existsSync(join(ui, 'dist', 'index.html'))) {
  console.error('ui/dist is missing: run `npx vite build` first')
  process.exit(2)
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
// @tauri-apps/api/mocks (mockIPC, mockWindows) as a plain script: it has no imports.
const mocksSource = readFileSync(join(ui, 'node_modules', '@tauri-apps', 'api', 'mocks.js'), 'utf8')
  .replace(/^export \{[^}]*\};?\s*$/m, '')

/** The kiosk's answers, by command (what a station with two upcoming activities returns). */
const fixtures = {
  app_status: { initialized: true, stationName: '阳光花园党群服务站', dataDir: '/tmp', recovery: null },
  // the kiosk shows the core's day: the fixtures' week, whatever the machine's date
  app_clock: { now: '2026-11-26T02:00:00.000Z', today: '2026-11-26', timezone: 'Asia/Shanghai' },
  kiosk_info: { stationName: '阳光花园党群服务站', community: '凤台社区' },
  activities_kiosk_list: [
    { id: 1, title: '太极拳', category: '文体活动', venueName: '多功能厅', date: '2026-11-27', startTime: '15:00', endTime: '16:00',
      startsAt: '2026-11-27 15:00', capacity: 20, placesLeft: 6, waitlisted: 0, full: false, bookable: true,
      notBookableReason: null, description: '适合中老年人的健身活动', minAge: null, thisWeek: true },
    { id: 2, title: '健康讲座：冬季防流感', category: '健康讲座', venueName: '会议室', date: '2026-12-02', startTime: '09:30', endTime: '11:00',
      startsAt: '2026-12-02 09:30', capacity: 40, placesLeft: 0, waitlisted: 3, full: true, bookable: true,
      notBookableReason: null, description: '', minAge: 60, thisWeek: false },
    { id: 3, title: '四点半课堂', category: '四点半课堂', venueName: '书画室', date: '2026-12-03', startTime: '16:30', endTime: '18:00',
      startsAt: '2026-12-03 16:30', capacity: 15, placesLeft: 15, waitlisted: 0, full: false, bookable: false,
      notBookableReason: '该活动 12月01日 08:00 开始报名', description: '', minAge: null, thisWeek: false },
  ],
  // Phone + PIN: PIN 0000 is the wrong one (the same refusal for any number).
  activities_kiosk_identify: (args) => {
    if (args.input.pin === '0000') {
      throw { code: 'VALIDATION', field: 'pin', message: '手机号或密码不正确。还没有密码或忘记了，请到服务台请工作人员设置' }
    }
    return { maskedName: '王**', phoneMasked: '138****5678' }
  },
  activities_kiosk_buildings: [{ id: 1, label: '阳光花园 3号楼' }, { id: 2, label: '阳光花园 5号楼' }],
  activities_kiosk_register: { maskedName: '孙*', phoneMasked: '139****0000' },
  activities_kiosk_book: {
    bookingId: 42, receipt: 'YY000042', status: 'booked', waitlistPosition: null, activityId: 1, activityTitle: '太极拳',
    venueName: '多功能厅', startsAt: '2026-11-27 15:00', endsAt: '2026-11-27 16:00', maskedName: '王**', warning: null,
  },
  activities_kiosk_bookings: {
    maskedName: '王**',
    items: [
      { bookingId: 42, receipt: 'YY000042', activityId: 1, title: '太极拳', venueName: '多功能厅', date: '2026-11-27',
        startTime: '15:00', endTime: '16:00', status: 'booked', waitlistPosition: null, canCancel: true, canCheckIn: true },
      { bookingId: 43, receipt: 'YY000043', activityId: 2, title: '健康讲座：冬季防流感', venueName: '会议室', date: '2026-12-02',
        startTime: '09:30', endTime: '11:00', status: 'waitlisted', waitlistPosition: 2, canCancel: true, canCheckIn: false },
    ],
  },
  activities_kiosk_cancel: { bookingId: 42, receipt: 'YY000042', activityId: 1, title: '太极拳', venueName: '多功能厅',
    date: '2026-11-27', startTime: '15:00', endTime: '16:00', status: 'cancelled', waitlistPosition: null, canCancel: false, canCheckIn: false },
}
fixtures.activities_kiosk_check_in = { ...fixtures.activities_kiosk_cancel, status: 'attended' }

// Micro-wishes: the wall, a receipt, a wish found by its code, the helper's view.
const wish = (id, state, extra = {}) => ({
  id, number: `XY${String(id).padStart(6, '0')}`, kind: 'service', content: '教我用智能手机视频通话', state,
  requesterMasked: '张**', gridName: '第一网格', wantedBy: '2026-12-02', promisedDate: '2026-11-28', helpers: ['赵**'],
  createdAt: '2026-11-20T02:00:00Z', fulfilledAt: '2026-11-24T02:00:00Z', fulfilNote: '已上门教会视频通话', hasPhoto: false,
  stars: null, ...extra,
})
Object.assign(fixtures, {
  wishes_kiosk_wall: { today: '2026-11-25', items: [wish(7, 'fulfilled', { hasPhoto: true }), wish(6, 'completed', { stars: 5, content: '修理轮椅' })] },
  // a 1×1 PNG: the wall shows a photo
  wishes_kiosk_photo: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  wishes_kiosk_post: { id: 8, number: 'XY000008', code: '482913', kind: 'service', content: '教我用智能手机视频通话',
    wantedBy: '2026-12-02', requesterMasked: '张**', phoneMasked: '139****5678', createdAt: '2026-11-25T01:00:00Z' },
  wishes_kiosk_lookup: { wish: wish(7, 'fulfilled'), canRate: true, satisfaction: null, declineReason: '' },
  wishes_kiosk_rate: { wish: wish(7, 'completed', { stars: 5 }), canRate: false, satisfaction: 'satisfied', declineReason: '' },
  wishes_kiosk_helper: { maskedName: '赵**', today: '2026-11-25',
    reminders: [{ wishNumber: 'XY000005', content: '代买药品', note: '请尽快联系居民', at: '2026-11-24T02:00:00Z' }],
    open: [wish(9, 'published', { helpers: [], content: '帮忙搬运旧家具' })], mine: [wish(5, 'claimed', { content: '代买药品' })] },
})
fixtures.wishes_kiosk_claim = fixtures.wishes_kiosk_helper
fixtures.wishes_kiosk_fulfil = fixtures.wishes_kiosk_helper

// Volunteers: a volunteer with a shift to sign in to and an open slot.
const shift = (shiftId, day, start, end) => ({ shiftId, position: '服务站值班', day, start, end, openSlots: 2 })
Object.assign(fixtures, {
  volunteers_kiosk_view: { maskedName: '赵**', today: '2026-11-25', totalMinutes: 1530, monthMinutes: 240, pendingClaims: 1,
    onDuty: null, canSignIn: shift(4, '2026-11-25', '09:00', '12:00'), myShifts: [shift(4, '2026-11-25', '09:00', '12:00')],
    openSlots: [shift(5, '2026-11-27', '14:00', '17:00')] },
  volunteers_kiosk_sign_in: { receiptNo: 'QD-000012', message: '签到成功：09:02 开始「服务站值班」值班（09:00–12:00）。' },
  volunteers_kiosk_take_slot: { receiptNo: 'BM-000031', message: '报名成功：2026年11月27日 14:00–17:00「服务站值班」。' },
  volunteers_kiosk_report: { receiptNo: 'SB-000003', message: '已提交 1 小时的服务时长，工作人员审核后计入。' },
})

function initScript(fixturesJson) {
  return `${mocksSource}
    const fixtures = ${fixturesJson};
    const fns = { activities_kiosk_identify: ${fixtures.activities_kiosk_identify.toString()} };
    mockWindows('kiosk');
    mockIPC((cmd, args) => {
      if (fns[cmd]) return fns[cmd](args);
      if (cmd in fixtures) return fixtures[cmd];
      return null;
    });`
}

/** Each screen: where to go and what to tap to reach it. */
const phone = (number) => async (page) => {
  for (const d of number) await page.click(`[data-testid='kiosk-key-${d}']`)
  await page.click("[data-testid='kiosk-phone-next']")
}
const pin = (digits, prefix = 'kiosk-pin-key') => async (page) => {
  for (const d of digits) await page.click(`[data-testid='${prefix}-${d}']`)
}
const tap = (testid) => (p) => p.click(`[data-testid='${testid}']`)
const keys = (prefix, digits) => async (page) => {
  for (const d of digits) await page.click(`[data-testid='${prefix}-key-${d}']`)
}
const identified = [tap('kiosk-activity-1'), phone('13812345678'), pin('2580'), tap('kiosk-pin-next')]
const mine = [phone('13812345678'), pin('2580'), tap('kiosk-pin-next')]
const screens = [
  { name: 'home', path: '#/', ready: 'kiosk-home', steps: [] },
  { name: 'about', path: '#/about', ready: 'kiosk-about', steps: [] },
  // leaving the kiosk: staff press and hold the corner, or Enter on it from a keyboard
  { name: 'exit PIN', path: '#/', ready: 'kiosk-exit-password',
    steps: [(p) => p.focus("[data-testid='kiosk-exit']"), (p) => p.keyboard.press('Enter')] },
  // activities
  { name: 'activities list', path: '#/activities', ready: 'kiosk-activity-1', steps: [] },
  { name: 'phone keypad', path: '#/activities', ready: 'kiosk-phone-display', steps: [tap('kiosk-activity-1')] },
  { name: 'booking PIN keypad', path: '#/activities', ready: 'kiosk-pin-display', steps: [tap('kiosk-activity-1'), phone('13812345678')] },
  { name: 'wrong PIN', path: '#/activities', ready: 'kiosk-error',
    steps: [tap('kiosk-activity-1'), phone('13812345678'), pin('0000'), tap('kiosk-pin-next')] },
  { name: 'confirm booking', path: '#/activities', ready: 'kiosk-book-confirm', steps: identified },
  { name: 'booking receipt', path: '#/activities', ready: 'kiosk-receipt', steps: [...identified, tap('kiosk-book-confirm')] },
  { name: 'walk-in registration', path: '#/activities', ready: 'kiosk-walkin-name',
    steps: [tap('kiosk-activity-2'), phone('13900000000'), tap('kiosk-walkin-start')] },
  { name: 'my bookings', path: '#/bookings', ready: 'kiosk-booking-42', steps: mine },
  { name: 'cancel confirmation', path: '#/bookings', ready: 'kiosk-cancel-confirm', steps: [...mine, tap('kiosk-booking-cancel-42')] },
  { name: 'check-in done', path: '#/bookings', ready: 'kiosk-bookings-result', steps: [...mine, tap('kiosk-booking-checkin-42')] },
  // micro-wishes: the wall, posting in four steps, the receipt, rating, the helper
  { name: 'wish wall', path: '#/wish', ready: 'kiosk-wall-photo', steps: [] },
  { name: 'wish kind', path: '#/wish', ready: 'kiosk-wish-kind-service', steps: [tap('kiosk-wish-start')] },
  { name: 'wish text', path: '#/wish', ready: 'kiosk-wish-text', steps: [tap('kiosk-wish-start'), tap('kiosk-wish-kind-service')] },
  { name: 'wish by when', path: '#/wish', ready: 'kiosk-wish-when-week',
    steps: [tap('kiosk-wish-start'), tap('kiosk-wish-kind-service'), (p) => p.fill("[data-testid='kiosk-wish-text']", '教我用手机'), tap('kiosk-wish-next')] },
  { name: 'wish phone keypad', path: '#/wish', ready: 'kiosk-wish-keypad',
    steps: [tap('kiosk-wish-start'), tap('kiosk-wish-kind-service'), (p) => p.fill("[data-testid='kiosk-wish-text']", '教我用手机'),
      tap('kiosk-wish-next'), tap('kiosk-wish-when-week')] },
  { name: 'wish receipt', path: '#/wish', ready: 'kiosk-wish-receipt',
    steps: [tap('kiosk-wish-start'), tap('kiosk-wish-kind-service'), (p) => p.fill("[data-testid='kiosk-wish-text']", '教我用手机'),
      tap('kiosk-wish-next'), tap('kiosk-wish-when-week'), keys('kiosk-wish-keypad', '13912345678'), tap('kiosk-wish-notice-agree'), tap('kiosk-wish-submit')] },
  { name: 'rate: code keypad', path: '#/rate', ready: 'kiosk-rate-keypad', steps: [] },
  { name: 'rate: the wish', path: '#/rate', ready: 'kiosk-rate-submit', steps: [keys('kiosk-rate-keypad', '482913'), tap('kiosk-rate-find')] },
  { name: 'rate: done', path: '#/rate', ready: 'kiosk-rate-done',
    steps: [keys('kiosk-rate-keypad', '482913'), tap('kiosk-rate-find'), tap('kiosk-rate-satisfied'), tap('kiosk-rate-star-5'), tap('kiosk-rate-submit')] },
  { name: 'helper phone', path: '#/wish/helper', ready: 'kiosk-helper-keypad', steps: [] },
  { name: 'helper PIN', path: '#/wish/helper', ready: 'kiosk-helper-pinpad', steps: [keys('kiosk-helper-keypad', '13712345678'), tap('kiosk-helper-next')] },
  { name: 'helper wishes', path: '#/wish/helper', ready: 'kiosk-helper-hello',
    steps: [keys('kiosk-helper-keypad', '13712345678'), tap('kiosk-helper-next'), keys('kiosk-helper-pinpad', '2580'), tap('kiosk-helper-login')] },
  { name: 'helper promise', path: '#/wish/helper', ready: 'kiosk-helper-promise-3',
    steps: [keys('kiosk-helper-keypad', '13712345678'), tap('kiosk-helper-next'), keys('kiosk-helper-pinpad', '2580'), tap('kiosk-helper-login'),
      tap('kiosk-helper-claim')] },
  // volunteers: sign-in, shift taking, hours report
  { name: 'volunteer phone', path: '#/volunteer', ready: 'kiosk-vol-phone', steps: [] },
  { name: 'volunteer PIN', path: '#/volunteer', ready: 'kiosk-vol-pin', steps: [keys('kiosk-vol', '13712345678'), tap('kiosk-vol-next')] },
  { name: 'volunteer page', path: '#/volunteer', ready: 'kiosk-vol-hello',
    steps: [keys('kiosk-vol', '13712345678'), tap('kiosk-vol-next'), keys('kiosk-pin', '2580'), tap('kiosk-pin-next')] },
  { name: 'volunteer signed in', path: '#/volunteer', ready: 'kiosk-vol-message',
    steps: [keys('kiosk-vol', '13712345678'), tap('kiosk-vol-next'), keys('kiosk-pin', '2580'), tap('kiosk-pin-next'), tap('kiosk-vol-sign-in')] },
  { name: 'shift taking', path: '#/volunteer', ready: 'kiosk-vol-take-5',
    steps: [keys('kiosk-vol', '13712345678'), tap('kiosk-vol-next'), keys('kiosk-pin', '2580'), tap('kiosk-pin-next'), tap('kiosk-vol-slots')] },
  { name: 'hours report', path: '#/volunteer', ready: 'kiosk-report-submit',
    steps: [keys('kiosk-vol', '13712345678'), tap('kiosk-vol-next'), keys('kiosk-pin', '2580'), tap('kiosk-pin-next'), tap('kiosk-vol-report')] },
]

/** Buttons and links under 64 px, and visible text under 24 px. */
function measure() {
  const small = []
  for (const el of document.querySelectorAll('button, a, input, select, [role=button]')) {
    const r = el.getBoundingClientRect()
    if (r.width === 0 && r.height === 0) continue
    if (r.height < 64 || r.width < 64) small.push(`${el.tagName} "${el.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
  }
  const tiny = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  while (walker.nextNode()) {
    const node = walker.currentNode
    if (!node.textContent.trim()) continue
    const el = node.parentElement
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) continue
    const size = parseFloat(getComputedStyle(el).fontSize)
    if (size < 24) tiny.push(`"${node.textContent.trim().slice(0, 20)}" ${size}px`)
  }
  return { small, tiny }
}

const server = spawn(join(ui, 'node_modules', '.bin', 'vite'), ['preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
  cwd: ui,
  stdio: 'ignore',
})
let failures = 0
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) break
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  // The checker itself must be able to fail: a page with a nameless small button, small text
  // and an image without text has to be caught.
  {
    const page = await browser.newPage()
    await page.setContent('<html lang="zh"><body><main><button style="height:20px;font-size:12px"></button><img src="data:,"><p style="font-size:14px">小字</p></main></body></html>')
    await page.addScriptTag({ content: axeSource })
    const result = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }))
    const sizes = await page.evaluate(measure)
    if (result.violations.length < 2 || sizes.small.length === 0 || sizes.tiny.length === 0) {
      console.error('the accessibility checker did not catch a known-bad page')
      process.exit(3)
    }
    await page.close()
  }
  for (const viewport of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }]) {
    for (const screen of screens) {
      const context = await browser.newContext({ viewport })
      await context.addInitScript(initScript(JSON.stringify(fixtures)))
      const page = await context.newPage()
      await page.goto(BASE + screen.path)
      for (const step of screen.steps) await step(page)
      await page.waitForSelector(`[data-testid='${screen.ready}']`, { timeout: 10000 })
      await page.waitForTimeout(300)
      await page.addScriptTag({ content: axeSource })
      const result = await page.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
      )
      const sizes = await page.evaluate(measure)
      const label = `${screen.name} @ ${viewport.width}×${viewport.height}`
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true })
        await page.screenshot({ path: join(SHOTS, `${viewport.width}x${viewport.height}-${screen.name.replace(/[^a-zA-Z0-9]+/g, '-')}.png`) })
      }
      const problems = [
        ...result.violations.map((v) => `axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
        ...sizes.small.map((s) => `target under 64 px: ${s}`),
        ...sizes.tiny.map((s) => `text under 24 px: ${s}`),
      ]
      if (problems.length === 0) {
        console.log(`ok    ${label} (${result.passes.length} axe rules passed)`)
      } else {
        failures += 1
        console.log(`FAIL  ${label}`)
        for (const p of problems) console.log(`        ${p}`)
      }
      await context.close()
    }
  }
  await browser.close()
} finally {
  server.kill('SIGTERM')
}
if (failures > 0) {
  console.log(`\n${failures} kiosk screen(s) failed the accessibility bar`)
  process.exit(1)
}
console.log('\nevery kiosk screen passes axe-core with no violations, targets ≥ 64 px, text ≥ 24 px')
