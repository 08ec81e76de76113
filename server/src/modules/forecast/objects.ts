import { registerObject } from '../../platform/access/index.js';

// 成交预测: a rep reads their own forecast; a manager reads their department tree's and adjusts the
// reps' below them (a note beside the system's number, never their own); finance reads everyone's.
// The deals behind it are read under the rights on deals.
registerObject({
  key: 'forecast',
  label: { 'zh-CN': '成交预测', en: 'Forecast' },
  table: 'forecast_adjustments',
  scopeBy: { ownerColumn: 'user_id' },
  actions: ['read', 'update'],
  defaults: {
    sales_manager: { actions: ['read', 'update'], scope: 'department_tree' },
    sales_rep: { actions: ['read'], scope: 'own' },
    finance: { actions: ['read'], scope: 'all' },
  },
});
