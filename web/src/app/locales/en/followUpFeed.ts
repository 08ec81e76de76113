import type { Catalogue } from '../types';
import type { followUpFeed as zh } from '../zh-CN/followUpFeed';

export const followUpFeed: Catalogue<typeof zh> = {
  followUpFeed: {
    settings: {
      nav: 'Follow-up settings',
      title: 'Follow-up settings',
      subtitle:
        'Whether every follow-up must name the next one, and the working hours of the daily follow-up reminder.',
      defaults: 'The shipped defaults apply; once saved, yours do.',
      nextRequired: 'Next follow-up required',
      nextRequiredHint: 'On: every follow-up must name the next time. Off: left empty, the cadence plans it.',
      hours: 'Working hours',
      hoursRequired: 'Choose the working hours',
      days: 'Working days',
      daysRequired: 'Choose at least one day',
      weekdays: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
      dailyReminder: 'Daily follow-up reminder',
      dailyReminderHint:
        'When a working day begins, everyone hears how many leads, customers and deals are due today or overdue (one notice a day each).',
      saved: 'Follow-up settings saved',
      readOnly: 'Only administrators may change the follow-up settings',
    },
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
