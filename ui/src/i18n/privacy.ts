// Personal information (issue 17): the notice residents agree to on screen, and the desk's
// consent and retention words. NOTICE_VERSION must equal core/src/privacy/consent.rs's: a
// consent to another text is refused by the core (a core test reads this file).
export const NOTICE_VERSION = '2026-11'

export const privacyZh = {
  notice: {
    title: '个人信息告知',
    register:
      '本服务站登记您的姓名、电话和楼栋，只用于活动预约、联系您和服务统计；不向他人公开，不用于其他用途。您离开本小区或要求删除后，按规定期限删除。您可以随时到服务台查询、更正或撤回同意。',
    wish: '您的电话和心愿内容只用于办理这个心愿；心愿墙上只显示姓的首字（如 王**），不显示电话。',
    agree: '我已阅读并同意',
    agreed: '已同意',
    photo: '同意把完成心愿的照片展示在心愿墙上（可不选）',
    version: '告知版本 {v}',
  },
  consent: {
    title: '知情同意',
    none: '还没有同意记录',
    scope: {
      register: '登记个人信息',
      wish: '微心愿个人信息',
      sensitive_tags: '敏感信息（特定身份标签）',
      public_photo: '照片在心愿墙展示',
    },
    granted: '同意',
    withdrawn: '撤回',
    grant: '记录同意',
    withdraw: '撤回同意',
    withdrawConfirm: '确定为该居民撤回「{scope}」的同意吗？撤回后立即生效：{effect}',
    effect: {
      register: '居民将被归档，保存期限到期后彻底删除',
      sensitive_tags: '该居民的敏感标签将被移除',
      public_photo: '心愿墙不再展示其照片',
    },
    sensitiveConsent: '居民已单独同意登记敏感信息（低保户、残疾人等标签）',
    done: '已记录',
  },
  tags: {
    sensitive: '（敏感）',
    mark: '设为敏感',
    unmark: '取消敏感',
  },
  idNumber: {
    reveal: '显示完整号码',
    revealed: '查看完整身份证号已记入操作日志',
  },
  retention: {
    title: '个人信息保存期限',
    hint: '超过期限的个人信息每天自动清理（启动时和每天一次），清理记入操作日志（只记数量和编号，不记姓名电话）。',
    archivedResidentsMonths: '已归档居民（迁出、离开）',
    endedWishesMonths: '已结束的微心愿（求助人姓名电话）',
    closedCasesMonths: '已结案的案件（联系人姓名电话）',
    pastBookingsMonths: '已结束活动的预约记录',
    months: '个月',
    save: '保存期限',
    saved: '已保存',
    preview: '预览到期清理',
    run: '立即清理',
    runConfirm: '将彻底删除 {n} 位居民，并去除 {w} 条心愿、{c} 件案件的联系人信息，删除 {b} 条预约。此操作不可撤销，确定吗？',
    previewEmpty: '目前没有到期的个人信息',
    residents: '到期的居民（{n}）',
    blocked: '暂不能删除：{why}',
    counts: '心愿 {w} 条、案件 {c} 件去除联系人信息，预约 {b} 条删除',
    ran: '已清理：居民 {r} 人（{s} 人暂不能删除），心愿 {w} 条，案件 {c} 件，预约 {b} 条',
  },
}

export const privacyEn: typeof privacyZh = {
  notice: {
    title: 'Personal information notice',
    register:
      'The station keeps your name, phone and building only for bookings, contacting you and service figures; they are not shown to anyone else. They are deleted after the retention period once you move away or ask. You may view, correct or withdraw at the desk at any time.',
    wish: 'Your phone and wish are used only to handle this wish; the wish wall shows only your surname initial.',
    agree: 'I have read and agree',
    agreed: 'Agreed',
    photo: 'Photos of the fulfilled wish may be shown on the wall (optional)',
    version: 'Notice version {v}',
  },
  consent: {
    title: 'Consent',
    none: 'No consent recorded yet',
    scope: {
      register: 'Personal data',
      wish: 'Wish data',
      sensitive_tags: 'Sensitive tags',
      public_photo: 'Photos on the wall',
    },
    granted: 'granted',
    withdrawn: 'withdrawn',
    grant: 'Record consent',
    withdraw: 'Withdraw',
    withdrawConfirm: 'Withdraw consent to "{scope}" for this resident? Effective at once: {effect}',
    effect: {
      register: 'the resident is archived and purged after the retention period',
      sensitive_tags: 'their sensitive tags are removed',
      public_photo: 'their photos leave the wall',
    },
    sensitiveConsent: 'The resident agreed separately to sensitive tags',
    done: 'Recorded',
  },
  tags: {
    sensitive: '(sensitive)',
    mark: 'Mark sensitive',
    unmark: 'Not sensitive',
  },
  idNumber: {
    reveal: 'Show full number',
    revealed: 'Viewing the full ID number was logged',
  },
  retention: {
    title: 'Retention of personal data',
    hint: 'Personal data past its period is removed daily; each run is logged with counts and ids only.',
    archivedResidentsMonths: 'Archived residents',
    endedWishesMonths: 'Ended wishes',
    closedCasesMonths: 'Closed cases',
    pastBookingsMonths: 'Bookings of past activities',
    months: 'months',
    save: 'Save periods',
    saved: 'Saved',
    preview: 'Preview purge',
    run: 'Purge now',
    runConfirm: 'Purge {n} residents, clear {w} wishes and {c} cases, delete {b} bookings? This cannot be undone.',
    previewEmpty: 'Nothing is past its period',
    residents: 'Residents due ({n})',
    blocked: 'Cannot purge yet: {why}',
    counts: '{w} wishes and {c} cases cleared, {b} bookings deleted',
    ran: 'Purged: {r} residents ({s} waiting), {w} wishes, {c} cases, {b} bookings',
  },
}
