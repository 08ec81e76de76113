import { registerObject } from '../../platform/access/index.js';

// 客户: owned by a rep (owner_id) or sitting in a pool (owner_id null, pool_id); shareable with
// collaborators.
registerObject({
  key: 'customer',
  label: { 'zh-CN': '客户', en: 'Customers' },
  table: 'customers',
  scopeBy: { ownerColumn: 'owner_id' },
  shares: true,
  poolColumn: 'pool_id',
  maskable: ['phone', 'email'],
  actions: ['read', 'create', 'update', 'delete', 'export', 'import', 'create_duplicate', 'merge'],
  defaults: {
    sales_manager: {
      actions: ['read', 'create', 'update', 'delete', 'export', 'import'],
      scope: 'department_tree',
    },
    sales_rep: { actions: ['read', 'create', 'update'], scope: 'own' },
    finance: { actions: ['read'], scope: 'all' },
    after_sales: { actions: ['read'], scope: 'all' },
    marketing: { actions: ['read'], scope: 'all' },
  },
});
