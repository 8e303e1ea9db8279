// Element Plus' date pickers take "today" (the highlighted day, the month an empty picker opens
// on, the 此刻 button) from `dayjs()`, which reads the screen clock. vite.config.ts points the
// bare 'dayjs' import here: the same dayjs, except that a call without a date means the app
// clock's now (utils/clock.ts), so a picker and the page around it agree on the day.
//
// The clock is found through a global the clock module sets, not an import: Vite's dev
// pre-bundling would otherwise give Element Plus a second copy of the clock with its own offset.
import realDayjs from 'dayjs/dayjs.min.js'

/** set by utils/clock.ts (APP_NOW_KEY there) */
const APP_NOW_KEY = '__stationDeskNowMs'

const dayjs: typeof realDayjs = new Proxy(realDayjs, {
  apply(target, thisArg, args: unknown[]) {
    if (args.length === 0 || args[0] === undefined) {
      const appNowMs = (globalThis as Record<string, unknown>)[APP_NOW_KEY]
      if (typeof appNowMs === 'function') args = [appNowMs(), ...args.slice(1)]
    }
    return Reflect.apply(target, thisArg, args)
  },
})

export default dayjs
