import type { Catalogue } from '../types';
import type { followUpFeed as zh } from '../zh-CN/followUpFeed';

export const followUpFeed: Catalogue<typeof zh> = {
  followUpFeed: {
    nav: 'Team follow-ups',
    title: 'Team follow-ups',
    subtitle:
      'Follow-ups of the leads, customers and opportunities you can see, newest first; comment on one and whoever wrote it is told.',
    author: 'Written by',
    anyAuthor: 'Everyone',
    anyObject: 'All',
    anyMethod: 'Any method',
    period: { week: 'Last 7 days', month: 'Last 30 days', all: 'All time' },
    objects: { lead: 'Leads', customer: 'Customers', opportunity: 'Opportunities' },
    objectOne: { lead: 'Lead', customer: 'Customer', opportunity: 'Opportunity' },
    empty: 'No follow-ups in this period',
    more: 'Load more',
    comments: 'Comments',
    commentCount: 'Comments {{count}}',
    commentPlaceholder: 'Write a comment, e.g. next time confirm the budget and who decides',
    mention: '@ colleagues (optional)',
    send: 'Comment',
    deleteConfirm: 'Delete this comment?',
  },
};
