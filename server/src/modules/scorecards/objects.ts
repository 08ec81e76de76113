import { registerObject } from '../../platform/access/index.js';

// 考核: scores are read within the data scope (a rep their own, a manager their department tree);
// administrators write the 考核方案 (templates).
registerObject({
  key: 'scorecard',
  label: { 'zh-CN': '绩效考核', en: 'Scorecards' },
  table: 'scorecards',
  scopeBy: 'org',
  actions: ['read', 'create', 'update', 'delete', 'export'],
  defaults: {
    sales_manager: { actions: ['read', 'export'], scope: 'department_tree' },
    sales_rep: { actions: ['read'], scope: 'own' },
    finance: { actions: ['read', 'export'], scope: 'all' },
  },
});
