import { registerObject } from '../../platform/access/index.js';

// 跟进设置: read by everyone who writes follow-ups (the form must know whether the next one is
// required); changed by administrators, or a role given the right.
registerObject({
  key: 'follow_up_setting',
  label: { 'zh-CN': '跟进设置', en: 'Follow-up settings' },
  table: 'follow_up_settings',
  scopeBy: 'org',
  actions: ['read', 'update'],
  defaults: {},
});
