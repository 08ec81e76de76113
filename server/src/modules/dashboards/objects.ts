import { registerObject } from '../../platform/access/index.js';

// 仪表盘: anyone with the right makes their own dashboards and shares them with roles; the org's
// dashboards (those a role opens first) are kept by administrators. A dashboard holds no data: each
// widget's figures are read in the reader's own data scope.
registerObject({
  key: 'dashboard',
  label: { 'zh-CN': '仪表盘', en: 'Dashboards' },
  table: 'dashboards',
  scopeBy: 'org',
  actions: ['read', 'create', 'update', 'delete'],
  defaults: {
    sales_manager: { actions: ['read', 'create', 'update', 'delete'], scope: 'all' },
    sales_rep: { actions: ['read', 'create', 'update', 'delete'], scope: 'all' },
    finance: { actions: ['read', 'create', 'update', 'delete'], scope: 'all' },
    after_sales: { actions: ['read'], scope: 'all' },
    marketing: { actions: ['read', 'create', 'update', 'delete'], scope: 'all' },
  },
});
