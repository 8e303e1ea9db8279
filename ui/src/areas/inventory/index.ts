import { Box } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { en, zhCN } from './messages'

const inventory: AreaModule = {
  key: 'inventory',
  order: 40,
  deskRoutes: [
    {
      path: 'inventory',
      name: 'inventory',
      component: () => import('./InventoryView.vue'),
      meta: { titleKey: 'inventory.nav' },
    },
  ],
  deskMenu: [{ name: 'inventory', titleKey: 'inventory.nav', icon: Box, testid: 'nav-inventory' }],
  homePanels: [() => import('./InventoryHomePanel.vue')],
  messages: { 'zh-CN': { inventory: zhCN }, en: { inventory: en } },
}

export default inventory
