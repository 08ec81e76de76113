import { registerObject } from '../../platform/access/index.js';

// 洞察: findings about the people and teams within the reader's data scope on insights (a manager:
// their department tree; a rep: themself), computed from what the reader may see.
registerObject({
  key: 'insight',
  label: { 'zh-CN': '洞察', en: 'Insights' },
  table: 'users',
  scopeBy: { ownerColumn: 'id' },
  actions: ['read'],
  defaults: {
    sales_manager: { actions: ['read'], scope: 'department_tree' },
    sales_rep: { actions: ['read'], scope: 'own' },
  },
});
