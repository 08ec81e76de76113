import { sql } from 'kysely';
import { registerObject } from '../../platform/access/index.js';
import { registerTimelineChildren } from '../../platform/audit/timeline.js';
import { registerAttachable } from '../attachments/attachables.js';

// 商机: owned by a rep, shareable with collaborators (联合跟进人), always of one customer.
registerObject({
  key: 'opportunity',
  label: { 'zh-CN': '商机', en: 'Opportunities' },
  table: 'opportunities',
  scopeBy: { ownerColumn: 'owner_id' },
  shares: true,
  actions: ['read', 'create', 'update', 'delete', 'export', 'import', 'override_gate'],
  defaults: {
    sales_manager: {
      actions: ['read', 'create', 'update', 'delete', 'export', 'import'],
      scope: 'department_tree',
    },
    sales_rep: { actions: ['read', 'create', 'update'], scope: 'own' },
    finance: { actions: ['read'], scope: 'all' },
  },
});

// 销售流程: pipelines, their stages and gates — admins edit them; whoever reads deals reads them.
registerObject({
  key: 'pipeline',
  label: { 'zh-CN': '销售流程', en: 'Pipelines' },
  table: 'pipelines',
  scopeBy: 'org',
  actions: ['read', 'create', 'update', 'delete'],
  defaults: {},
});

// Quotes, requirement sheets, technical agreements … and what a stage gate asks for.
registerAttachable({ object: 'opportunity', deletedColumn: 'deleted_at' });

// A customer's timeline shows its deals' changes.
registerTimelineChildren('opportunity', (orgId, parentObject, parentId) =>
  parentObject === 'customer'
    ? sql`select id from opportunities where org_id = ${orgId} and customer_id = ${parentId}`
    : null,
);
