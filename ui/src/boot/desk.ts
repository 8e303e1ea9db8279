import { createApp } from 'vue'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
// ElMessage / ElMessageBox are called from script (not templates), so the resolver cannot see them.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { i18n } from '../i18n'
import DeskApp from '../DeskApp.vue'
import { createDeskRouter } from '../router/desk'

export function mount(selector: string) {
  const app = createApp(DeskApp)
  // what app.use(ElementPlus, { locale: zhCn }) did: zh-CN for everything, incl. ElMessageBox
  provideGlobalConfig({ locale: zhCn }, app, true)
  app.use(i18n)
  app.use(createDeskRouter())
  app.mount(selector)
  return app
}
