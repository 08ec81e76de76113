import { lazyPage } from '../../components';

// 业绩: results, pipeline and leads from the metric registry (one definition of every number).
export const PerformancePage = lazyPage(() => import('./PerformancePage'), 'PerformancePage');
