// 跟进动态: the team's follow-ups as they are written, and 点评 on them (coaching from the log).
export const followUpFeed = {
  followUpFeed: {
    nav: '跟进动态',
    title: '跟进动态',
    subtitle: '你能看到的线索、客户和商机的跟进记录，最新的在前；点评一条，写跟进的同事会收到通知。',
    author: '跟进人',
    anyAuthor: '全部同事',
    anyObject: '全部',
    anyMethod: '全部方式',
    period: { week: '最近 7 天', month: '最近 30 天', all: '全部时间' },
    objects: { lead: '线索', customer: '客户', opportunity: '商机' },
    /** What one follow-up is of, before its name. */
    objectOne: { lead: '线索', customer: '客户', opportunity: '商机' },
    empty: '这段时间没有跟进记录',
    more: '加载更多',
    comments: '点评',
    commentCount: '点评 {{count}}',
    commentPlaceholder: '写点评，例如：下次先确认预算和决策人',
    mention: '@ 同事（可选）',
    send: '发表点评',
    deleteConfirm: '删除这条点评？',
  },
};
