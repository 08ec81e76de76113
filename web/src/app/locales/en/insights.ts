import type { insights as zh } from '../zh-CN/insights';

export const insights: typeof zh = {
  insights: {
    nav: 'Insights',
    title: 'Insights',
    subtitle:
      'Found automatically from the same numbers as everywhere: rates well below the team, targets behind pace, stalled deals, leads past their deadline.',
    all: 'All',
    kinds: {
      conversion_below: 'Low conversion',
      behind_pace: 'Behind pace',
      stalled_deals: 'Stalled deals',
      lead_sla: 'Lead deadlines',
      method_mix: 'Follow-up methods',
    },
    severity: { high: 'Important', medium: 'Notable' },
    action: 'Suggested: {{action}}',
    open: 'Open',
    empty: 'Nothing needs attention',
    card: { title: 'Insights', more: 'All {{count}}' },
    method:
      'Rates are compared only with enough data (two-proportion z-test, one-sided p < 0.05, at least 5 expected successes and failures per group); pace spreads the target evenly over the month’s days; managers get a notice of the week’s insights in the first hour of each Monday.',
  },
};
