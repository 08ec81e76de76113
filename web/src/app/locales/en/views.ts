import type { views as zh } from '../zh-CN/views';

export const views: typeof zh = {
  views: {
    title: 'My views',
    saveCurrent: 'Save these filters as a view…',
    manage: 'Manage views…',
    name: 'View name',
    nameRequired: 'Name the view (at most 40 characters)',
    shareWithTeam: 'Share with the whole company (others can use it, not change it)',
    saved: 'Saved the view “{{name}}”',
    sharedTag: 'Shared',
    privateTag: 'Private',
  },
};
