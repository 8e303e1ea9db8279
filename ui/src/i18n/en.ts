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
