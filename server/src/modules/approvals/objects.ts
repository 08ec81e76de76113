import { registerObject } from '../../platform/access/index.js';

// 审批流程: admins set up which changes need approval and by whom. Requests themselves are read by
// those who take part in them (the routes check that), not through a data scope.
registerObject({
  key: 'approval_definition',
  label: { 'zh-CN': '审批流程', en: 'Approval flows' },
  table: 'approval_definitions',
  scopeBy: 'org',
  actions: ['read', 'create', 'update', 'delete'],
  defaults: {},
});
