import { sql } from 'kysely';
import { registerObject } from '../../platform/access/index.js';
import { registerTimelineChildren } from '../../platform/audit/timeline.js';
import { registerAttachable } from '../attachments/attachables.js';

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

// 线索 files (a business card, a requirement sheet) go with it when it is converted.
registerAttachable({ object: 'lead', deletedColumn: 'deleted_at' });

// A converted lead's changes show on the customer it became.
registerTimelineChildren('lead', (orgId, parentObject, parentId) =>
  parentObject === 'customer'
    ? sql`select id from leads where org_id = ${orgId} and converted_customer_id = ${parentId}`
    : null,
);
