import { registerObject } from '../../platform/access/index.js';

// 业绩目标: a rep reads their own; a manager reads their department tree and sets the targets below
// their own (nobody sets their own target); whoever reaches the whole company sets any.
registerObject({
  key: 'target',
  label: { 'zh-CN': '业绩目标', en: 'Targets' },
  table: 'targets',
  scopeBy: { node: { typeColumn: 'node_type', idColumn: 'node_id' } },
  actions: ['read', 'update'],
  defaults: {
    sales_manager: { actions: ['read', 'update'], scope: 'department_tree' },
    sales_rep: { actions: ['read'], scope: 'own' },
    finance: { actions: ['read'], scope: 'all' },
  },
});
