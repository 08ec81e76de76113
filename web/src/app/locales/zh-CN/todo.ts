// 待办: what needs doing today — follow-ups, first contacts, soon recycled, approvals, stalled deals.
export const todo = {
  todo: {
    nav: '待办',
    title: '待办',
    subtitle: '今天要跟进的、等你处理的，都在这里。',
    views: { mine: '我的', team: '团队' },
    sections: {
      followUps: '今日跟进',
      firstContact: '待首次联系',
      recycleSoon: '即将回收',
      approvals: '待我审批',
      stalled: '停滞商机',
    },
    empty: {
      followUps: '今天没有要跟进的记录',
      firstContact: '没有等待首次联系的线索',
      recycleSoon: '近期没有将被回收的记录',
      approvals: '没有等你审批的申请',
      stalled: '没有停滞的商机',
    },
    overdue: '已逾期 {{count}}',
    overdueTag: '已逾期',
    objects: { lead: '线索', customer: '客户', opportunity: '商机' },
    when: {
      followUps: '跟进时间',
      firstContact: '首次联系截止',
      recycleSoon: '回收时间',
      approvals: '提交于',
      stalled: '进入阶段',
    },
    owner: '负责人：{{name}}',
    submittedBy: '{{name}} 提交',
    more: '还有 {{count}} 条未显示',
    viewAll: '查看全部',
    summaryTitle: '我的待办',
    openTodo: '打开待办',
  },
};
