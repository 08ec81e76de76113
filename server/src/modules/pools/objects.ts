import { registerObject } from '../../platform/access/index.js';

// 公海 settings: pools, their members and limits, and the recycle rules that fill them. Reading the
// pools one belongs to needs no grant; managing them is an admin right by default.
registerObject({
  key: 'pool',
  label: { 'zh-CN': '公海设置', en: 'Customer pools' },
  table: 'pools',
  scopeBy: 'org',
  actions: ['read', 'create', 'update', 'delete'],
  defaults: {},
});
