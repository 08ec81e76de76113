import { lazyPage } from '../../components';

// 商机: the board and list of a pipeline's deals, a deal's page with its stage bar, next-stage
// requirements, follow-ups, files and stage history; moves go through the stage gates.
export const OpportunitiesPage = lazyPage(() => import('./OpportunitiesPage'), 'OpportunitiesPage');
export const OpportunityPage = lazyPage(() => import('./OpportunityPage'), 'OpportunityPage');
export { CustomerDeals } from './CustomerDeals';
