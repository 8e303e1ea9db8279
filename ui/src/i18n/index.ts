import { createI18n } from 'vue-i18n'
import zhCN, { type MessageSchema } from './zh-CN'
import en from './en'
import { areaMessages } from '../areas'

export function makeI18n(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return createI18n<[MessageSchema], 'zh-CN' | 'en', false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: {
      'zh-CN': { ...zhCN, ...areaMessages('zh-CN') } as MessageSchema,
      en: { ...en, ...areaMessages('en') } as MessageSchema,
    },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export const i18n = makeI18n()
