import { registerObject } from '../../platform/access/index.js';

// 话术库: everyone in sales reads and uses the scripts; managers write them, admins curate all.
registerObject({
  key: 'script',
  label: { 'zh-CN': '话术库', en: 'Sales scripts' },
  table: 'scripts',
  scopeBy: 'org',
  actions: ['read', 'create', 'update', 'delete'],
  defaults: {
    sales_manager: { actions: ['read', 'create', 'update', 'delete'], scope: 'all' },
    sales_rep: { actions: ['read'], scope: 'all' },
    after_sales: { actions: ['read'], scope: 'all' },
    marketing: { actions: ['read', 'create', 'update'], scope: 'all' },
  },
});
