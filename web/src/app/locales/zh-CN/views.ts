export const views = {
  views: {
    title: '我的视图',
    saveCurrent: '保存当前筛选为视图…',
    manage: '管理视图…',
    name: '视图名称',
    nameRequired: '请填写视图名称（最多 40 字）',
    shareWithTeam: '共享给全公司（其他人只能使用，不能修改）',
    saved: '已保存视图「{{name}}」',
    sharedTag: '共享',
    privateTag: '仅自己',
  },
};
