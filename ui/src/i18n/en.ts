// English catalogue (partial; missing keys fall back to zh-CN).
import type { MessageSchema } from './zh-CN'

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] }

const en: DeepPartial<MessageSchema> = {
  app: { name: 'StationDesk', loading: 'Loading…', bootFailed: 'Cannot reach the core', retry: 'Retry' },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'OK',
    close: 'Close',
    edit: 'Edit',
    view: 'View',
    add: 'Add',
    rename: 'Rename',
    delete: 'Delete',
    search: 'Search',
    actions: 'Actions',
    total: '{n} in total',
  },
  role: { admin: 'Administrator', staff: 'Staff' },
  gender: { male: 'Male', female: 'Female', unknown: 'Not given' },
  login: { title: 'Staff sign-in', username: 'Username', password: 'Password', submit: 'Sign in' },
  nav: { home: 'Home', residents: 'Residents', staff: 'Staff', settings: 'Settings' },
  topbar: { openKiosk: 'Open kiosk', logout: 'Sign out', changePassword: 'Change password' },
  residents: { title: 'Residents', add: 'Add resident', showArchived: 'Show archived' },
  staff: { title: 'Staff', add: 'Add staff' },
  settings: { title: 'Settings' },
  globalSearch: {
    title: 'Find a resident',
    placeholder: 'Name, pinyin initials or phone',
    hint: 'Type to search · ↑↓ to choose · Enter to open · Esc to close',
    empty: 'No matching resident',
    more: '{n} found, showing the first {shown}',
    showAll: 'Show all on the residents page',
    archived: 'Archived',
  },
  audit: {
    phrase: { default: '{action} {entity}', reset_password: 'reset {entity} password' },
    action: {
      create: 'created',
      update: 'updated',
      login: 'signed in',
      disable: 'disabled',
      enable: 'enabled',
      reset_password: 'reset password',
      change_password: 'changed password',
      archive: 'archived',
      restore: 'restored',
      purge: 'deleted',
      rename: 'renamed',
      load: 'loaded',
      exit: 'closed',
      migrate: 'upgraded',
    },
    entity: {
      staff: 'staff',
      resident: 'resident',
      grid: 'grid',
      compound: 'compound',
      building: 'building',
      tag: 'tag',
      settings: 'settings',
      demo: 'demo data',
      kiosk: 'kiosk',
      database: 'database',
    },
  },
  kiosk: {
    home: 'Home',
    soon: 'Coming soon',
    btn: {
      activities: 'Book an activity',
      bookings: 'My bookings',
      wish: 'Post a micro-wish',
      rate: 'Rate a wish',
      volunteer: 'Volunteer sign-in',
    },
    exit: 'Admin exit',
  },
}

export default en
