import { createApp } from 'vue'
import { invoke } from '@tauri-apps/api/core'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
// ElMessage / ElMessageBox are called from script (not templates), so the resolver cannot see them.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { i18n } from '../i18n'
import DeskApp from '../DeskApp.vue'
import { createDeskRouter } from '../router/desk'

/** Epoch ms on the monotonic clock: the bench compares these with performance.timing's marks. */
const epochMs = () => Math.round(performance.timeOrigin + performance.now())

export function mount(selector: string) {
  const mountAt = epochMs()
  const app = createApp(DeskApp)
  // what app.use(ElementPlus, { locale: zhCn }) did: zh-CN for everything, incl. ElMessageBox
  provideGlobalConfig({ locale: zhCn }, app, true)
  app.use(i18n)
  const router = createDeskRouter()
  app.use(router)
  app.mount(selector)
  // scripts/bench.sh measures cold start to this moment: the first route rendered and two frames
  // later on screen. The command does nothing unless the app was started for the benchmark.
  // The phases (epoch ms) go along, so the script can say where start-up time goes.
  void router.isReady().then(() => {
    const ready = epochMs()
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const t = performance.timing
        const detail = `nav=${t.navigationStart} dcl=${t.domContentLoadedEventEnd} mount=${mountAt} ready=${ready}`
        invoke('bench_first_paint', { detail }).catch(() => undefined)
      }),
    )
  })
  return app
}
