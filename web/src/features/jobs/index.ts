import { lazyPage } from '../../components';

// 后台任务: the org's background jobs for administrators.
export const JobsPage = lazyPage(() => import('./JobsPage'), 'JobsPage');
