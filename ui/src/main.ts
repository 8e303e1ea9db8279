import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles/base.css'
import { i18n } from './i18n'
import { detectWindowKind } from './utils/windowKind'
import DeskApp from './DeskApp.vue'
import KioskApp from './KioskApp.vue'
import { createDeskRouter } from './router/desk'
import { createKioskRouter } from './router/kiosk'

const kind = detectWindowKind()
document.documentElement.dataset.window = kind

const app = kind === 'kiosk' ? createApp(KioskApp) : createApp(DeskApp)
app.use(ElementPlus, { locale: zhCn })
app.use(i18n)
app.use(kind === 'kiosk' ? createKioskRouter() : createDeskRouter())
app.mount('#app')
