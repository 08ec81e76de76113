import { registerObject } from '../../platform/access/index.js';

// 联系人: visible exactly when their customer is (no scope of their own).
registerObject({
  key: 'contact',
  label: { 'zh-CN': '联系人', en: 'Contacts' },
  table: 'contacts',
  scopeBy: { parent: { object: 'customer', column: 'customer_id' } },
  maskable: ['mobile', 'phone', 'email', 'wechat'],
  actions: ['read', 'create', 'update', 'delete', 'export', 'import'],
  defaults: {
    sales_manager: {
      actions: ['read', 'create', 'update', 'delete', 'export', 'import'],
      scope: 'department_tree',
    },
    sales_rep: { actions: ['read', 'create', 'update', 'delete'], scope: 'own' },
    finance: { actions: ['read'], scope: 'all' },
    after_sales: { actions: ['read'], scope: 'all' },
    marketing: { actions: ['read'], scope: 'all' },
  },
});
