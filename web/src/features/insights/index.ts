import { lazyPage } from '../../components';

// 洞察: automatic findings with their numbers and suggested actions.
export const InsightsPage = lazyPage(() => import('./InsightsPage'), 'InsightsPage');
export { InsightsCard } from './InsightsCard';
