import { lazyPage } from '../../components';

// 业绩目标: targets down the org chart and over the year, with their progress (metric registry actuals).
export const TargetsPage = lazyPage(() => import('./TargetsPage'), 'TargetsPage');
