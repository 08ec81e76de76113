export const merge = {
  merge: {
    action: '合并',
    title: '合并 {{count}} 个客户',
    explain:
      '选出保留的客户；其余客户的联系人、附件、协作人和操作日志都会转到它名下，其余客户随后删除。合并后可在保留客户的页面撤销。',
    survivor: '保留哪个客户',
    pickValues: '这些字段不一致，选择保留哪个值',
    unitedNote: '标签合并为全部标签；自定义字段以保留客户为准，空白处用其他客户的值补齐。',
    reason: '合并原因',
    reasonRequired: '请填写合并原因（至少 2 个字）',
    submit: '合并',
    done: '已合并到「{{name}}」',
    undo: '撤销',
    undone: '已撤销合并，客户已恢复',
    undoConfirm: '撤销这次合并？被合并的客户及其联系人、附件会恢复原样。',
    history: '合并记录',
    entry: '{{actor}} 把 {{names}} 合并进来',
    undoneTag: '已撤销',
  },
};
