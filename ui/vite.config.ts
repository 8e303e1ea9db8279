/// <reference types="vitest/config" />
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const host = process.env.TAURI_DEV_HOST

/*
 * Tauri's `freezePrototype` runs Object.freeze(Object.prototype) before our scripts. After that,
 * assigning a property that Object.prototype already has (valueOf, toString, …) to an ordinary
 * object throws in strict code — the JS "override mistake". dayjs (used by Element Plus' date
 * picker, bundled into an ES module and therefore strict) does exactly that in dayjs.min.js:
 *   m.valueOf=function(){return this.$d.getTime()}   m.toString=function(){…}
 * which threw "Cannot assign to read only property 'valueOf'" at start-up and left a blank window.
 * This rewrites those assignments to first create an own, writable property, then assign — the same
 * result as plain assignment without a frozen prototype. Applied to the production build (plugin)
 * and to the dev server's dependency pre-bundling (esbuild plugin).
 */
const DAYJS_MAIN = /[\\/]node_modules[\\/]dayjs[\\/]dayjs\.min\.js$/
const LODASH_DEFAULT = /[\\/]node_modules[\\/]lodash-es[\\/]lodash\.default\.js$/
const OVERRIDE_ASSIGN = /([A-Za-z_$][\w$]*)\.(valueOf|toString)=(?!=)/g
const OWN_HELPER =
  'function __sdOwn(o,k){Object.prototype.hasOwnProperty.call(o,k)||' +
  'Object.defineProperty(o,k,{value:void 0,writable:!0,enumerable:!0,configurable:!0});return o}\n'

function frozenPrototypeSafe(code: string): { code: string; count: number } {
  let count = 0
  const out = code.replace(OVERRIDE_ASSIGN, (_m, obj: string, key: string) => {
    count++
    return `__sdOwn(${obj},"${key}").${key}=`
  })
  return { code: count ? OWN_HELPER + out : code, count }
}

function dayjsFrozenPrototype(): Plugin {
  return {
    name: 'stationdesk:dayjs-frozen-prototype',
    enforce: 'pre',
    transform(code, id) {
      // Only the file itself: Vite's virtual CommonJS wrappers ('\0…?commonjs-…') hold no code of it.
      if (id.startsWith('\0') || id.includes('?') || !DAYJS_MAIN.test(id)) return null
      const r = frozenPrototypeSafe(code)
      if (r.count !== 2) this.warn(`expected 2 valueOf/toString assignments in dayjs, rewrote ${r.count}`)
      return { code: r.code, map: null }
    },
  }
}

/*
 * ECharts under the same frozen Object.prototype: its Scheduler mocks a model's methods with
 * `target[name] = noop` for every name in the class's prototype, and tslib-style classes carry
 * an enumerable own `constructor` — assigning `constructor` to a plain object is the override
 * mistake, which threw at import ("readonly property") and kept the monthly summary from
 * opening. Defining the property instead has the same result.
 */
const ECHARTS_SCHEDULER = /[\\/]node_modules[\\/]echarts[\\/]lib[\\/]core[\\/]Scheduler\.js$/
const ECHARTS_MOCK = 'target[name_1] = noop;'
const ECHARTS_MOCK_SAFE =
  'Object.defineProperty(target, name_1, { value: noop, writable: true, enumerable: true, configurable: true });'

function echartsSchedulerSafe(code: string): string {
  return code.replace(ECHARTS_MOCK, ECHARTS_MOCK_SAFE)
}

function echartsFrozenPrototype(): Plugin {
  return {
    name: 'stationdesk:echarts-frozen-prototype',
    enforce: 'pre',
    transform(code, id) {
      if (id.startsWith('\0') || id.includes('?') || !ECHARTS_SCHEDULER.test(id)) return null
      if (!code.includes(ECHARTS_MOCK)) this.warn('echarts Scheduler changed: check the frozen-prototype fix')
      return { code: echartsSchedulerSafe(code), map: null }
    },
  }
}

/** 'element-plus/es/components/<name>/style/css' for every component (dev pre-bundling only). */
function elementPlusStyleEntries(): string[] {
  const dir = fileURLToPath(new URL('./node_modules/element-plus/es/components', import.meta.url))
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => existsSync(`${dir}/${name}/style/css.mjs`))
    .map((name) => `element-plus/es/components/${name}/style/css`)
}

// https://v2.tauri.app/start/frontend/vite/
export default defineConfig({
  plugins: [
    dayjsFrozenPrototype(),
    echartsFrozenPrototype(),
    vue(),
    // On-demand Element Plus: <el-*> tags and v-loading in templates are imported per component,
    // together with that component's CSS. Script-side APIs (ElMessage, ElMessageBox …) are imported
    // explicitly from 'element-plus'; their CSS is imported in src/boot/desk.ts.
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    // Element Plus' date pickers read "today" through dayjs(): give them the app clock's
    // (src/utils/dayjs.ts); only the bare specifier, so the wrapper itself reaches the real one.
    alias: [{ find: /^dayjs$/, replacement: fileURLToPath(new URL('./src/utils/dayjs.ts', import.meta.url)) }],
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  optimizeDeps: {
    // Pre-bundle the on-demand Element Plus entry points up front so `npm run dev` does not
    // re-optimise and reload the page each time a view uses a component for the first time.
    include: ['element-plus/es', 'element-plus/es/locale/lang/zh-cn', ...elementPlusStyleEntries()],
    esbuildOptions: {
      plugins: [
        {
          name: 'stationdesk:dayjs-frozen-prototype',
          setup(build) {
            build.onLoad({ filter: DAYJS_MAIN }, async (args) => {
              return { contents: frozenPrototypeSafe(await readFile(args.path, 'utf8')).code, loader: 'js' }
            })
            // Dev only: pre-bundling the whole `element-plus/es` drags in lodash-es' default export
            // (the chainable `_` wrapper), whose set-up does `source.toString = …` on a plain object
            // and throws under a frozen Object.prototype. Nothing here imports that default (Element
            // Plus uses named imports via lodash-unified) and the production build tree-shakes it
            // away, so the dev pre-bundle gets an empty stand-in.
            build.onLoad({ filter: ECHARTS_SCHEDULER }, async (args) => {
              return { contents: echartsSchedulerSafe(await readFile(args.path, 'utf8')), loader: 'js' }
            })
            build.onLoad({ filter: LODASH_DEFAULT }, () => ({ contents: 'export default {}', loader: 'js' }))
          },
        },
      ],
    },
  },
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_'],
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host ? { protocol: 'ws', host, port: 1421 } : undefined,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    globals: false,
    css: false,
    server: { deps: { inline: ['element-plus'] } },
  },
})
