import { createApp } from 'vue'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { i18n } from '../i18n'
import KioskApp from '../KioskApp.vue'
import { createKioskRouter } from '../router/kiosk'

export function mount(selector: string) {
  const app = createApp(KioskApp)
  provideGlobalConfig({ locale: zhCn }, app, true)
  app.use(i18n)
  app.use(createKioskRouter())
  app.mount(selector)
  return app
}
