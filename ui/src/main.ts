import 'element-plus/theme-chalk/base.css'
import './styles/base.css'
import { detectWindowKind } from './utils/windowKind'

// Element Plus is imported on demand (unplugin-vue-components + ElementPlusResolver in vite.config.ts):
// each component's CSS arrives with the chunk that uses it. Element Plus' base.css (the :root
// variables) is imported here, before base.css, so our theme overrides (党建红 --el-color-primary …)
// come after it; base.css also uses a higher-specificity selector so later chunks cannot undo them.

const kind = detectWindowKind()
document.documentElement.dataset.window = kind

// The desk and the kiosk are separate lazy chunks: the kiosk window never loads desk code.
// (Two separate import() statements, not one ternary: Vite's preload helper would otherwise attach
// the desk chunk's preload list to both branches.)
if (kind === 'kiosk') {
  void import('./boot/kiosk').then((m) => m.mount('#app'))
} else {
  void import('./boot/desk').then((m) => m.mount('#app'))
}
