import type { Catalogue } from '../types';
import type { performance as zh } from '../zh-CN/performance';

export const performance: Catalogue<typeof zh> = {
  performance: {
    nav: 'Performance',
    title: 'Performance',
    subtitle:
      'The period’s results, pipeline and leads — one definition per number, counted in your data scope.',
    trend: '{{metric}} over time',
    rep: 'Rep',
    noDeals: 'No deal closed in this period yet',
    loadFailed: 'Could not load; try again shortly',
    adoption: { none: 'Nobody has logged a follow-up in this period yet' },
    drill: {
      open: 'Show the records',
      count: '{{metric}}: {{count}} records',
      sum: '{{metric}}: {{count}} records, {{value}} in all',
      distinct: '{{metric}}: {{value}}, from {{count}} records',
      none: 'No records',
      export: 'Export',
      noOwner: 'No owner',
      level: 'Level {{level}}',
      of: '{{metric}} · {{what}}',
    },
  },
};
