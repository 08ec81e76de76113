import { registerObject } from '../../platform/access/index.js';

// 线索: owned by a rep (owner_id) or waiting in a lead pool (owner_id null, pool_id).
registerObject({
  key: 'lead',
  label: { 'zh-CN': '线索', en: 'Leads' },
  table: 'leads',
  scopeBy: { ownerColumn: 'owner_id' },
  poolColumn: 'pool_id',
  maskable: ['phone', 'email', 'wechat'],
  actions: ['read', 'create', 'update', 'delete', 'export', 'import', 'create_duplicate'],
  defaults: {
    sales_manager: {
      actions: ['read', 'create', 'update', 'delete', 'export', 'import'],
      scope: 'department_tree',
    },
    sales_rep: { actions: ['read', 'create', 'update'], scope: 'own' },
    // Marketing brings leads in (exhibition lists, campaigns) and follows what became of them.
    marketing: { actions: ['read', 'create', 'import', 'export'], scope: 'all' },
  },
});

// 线索规则: scoring (and later assignment) rules — admins edit them; managers and marketing read them.
registerObject({
  key: 'lead_rule',
  label: { 'zh-CN': '线索规则', en: 'Lead rules' },
  table: 'lead_score_rules',
  scopeBy: 'org',
  actions: ['read', 'create', 'update', 'delete'],
  defaults: {
    sales_manager: { actions: ['read'], scope: 'all' },
    marketing: { actions: ['read'], scope: 'all' },
  },
});
