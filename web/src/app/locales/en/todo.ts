import type { Catalogue } from '../types';
import type { todo as zh } from '../zh-CN/todo';

export const todo: Catalogue<typeof zh> = {
  todo: {
    nav: 'To-do',
    title: 'To-do',
    subtitle: 'What to follow up today and what waits for you, in one place.',
    views: { mine: 'Mine', team: 'Team' },
    sections: {
      followUps: "Today's follow-ups",
      firstContact: 'Awaiting first contact',
      recycleSoon: 'Returning to a pool soon',
      approvals: 'Waiting for my approval',
      stalled: 'Stalled deals',
    },
    empty: {
      followUps: 'Nothing to follow up today',
      firstContact: 'No leads awaiting first contact',
      recycleSoon: 'Nothing returns to a pool soon',
      approvals: 'No requests waiting for you',
      stalled: 'No stalled deals',
    },
    overdue: '{{count}} overdue',
    overdueTag: 'Overdue',
    objects: { lead: 'Lead', customer: 'Customer', opportunity: 'Deal' },
    when: {
      followUps: 'Follow up',
      firstContact: 'Contact by',
      recycleSoon: 'Returns',
      approvals: 'Submitted',
      stalled: 'In stage since',
    },
    owner: 'Owner: {{name}}',
    submittedBy: 'Submitted by {{name}}',
    more: '{{count}} more not shown',
    viewAll: 'View all',
    summaryTitle: 'My to-do',
    openTodo: 'Open to-do',
  },
};
