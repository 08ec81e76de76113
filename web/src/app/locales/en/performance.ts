import type { Catalogue } from '../types';
import type { performance as zh } from '../zh-CN/performance';

export const performance: Catalogue<typeof zh> = {
  performance: {
    nav: 'Performance',
    title: 'Performance',
    subtitle:
      'The period’s results, pipeline and leads — one definition per number, counted in your data scope.',
    periods: {
      this_month: 'This month',
      last_month: 'Last month',
      this_quarter: 'This quarter',
      this_year: 'This year',
    },
    trend: '{{metric}} over time',
    leaderboard: 'Top reps by won amount',
    rep: 'Rep',
    noDeals: 'No deal closed in this period yet',
    loadFailed: 'Could not load; try again shortly',
    adoption: { title: 'CRM adoption', none: 'Nobody has logged a follow-up in this period yet' },
    drill: {
      open: 'Show the records',
      count: '{{metric}}: {{count}} records',
      sum: '{{metric}}: {{count}} records, {{value}} in all',
      distinct: '{{metric}}: {{value}}, from {{count}} records',
      none: 'No records',
      export: 'Export',
      noOwner: 'No owner',
      level: 'Level {{level}}',
      all: '{{metric}} · {{period}}',
      of: '{{metric}} · {{what}}',
    },
  },
};
