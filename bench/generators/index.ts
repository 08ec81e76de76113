import type { Generator } from './context.js';
import { customersGenerator } from './customers.js';
import { leadsGenerator } from './leads.js';
import { opportunitiesGenerator } from './opportunities.js';
import { orgGenerator } from './org.js';

/**
 * The generators `npm run bench:data` runs, in order. A module that adds tables adds its generator
 * here (after the ones whose rows it refers to) with its own `--<count>` options.
 */
export const generators: Generator[] = [
  orgGenerator,
  customersGenerator,
  leadsGenerator,
  opportunitiesGenerator,
];
