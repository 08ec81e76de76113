import { lazyPage } from '../../components';

// 仪表盘: 业绩 shows the reader's dashboard (their role's, or one they pick, make or copy).
export const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');
