/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// the bare dayjs bundle behind utils/dayjs.ts (the 'dayjs' alias in vite.config.ts)
declare module 'dayjs/dayjs.min.js' {
  import dayjs from 'dayjs'
  export default dayjs
}
