import { lazyPage } from '../../components';

// 首页: the landing page after signing in.
export const HomePage = lazyPage(() => import('./HomePage'), 'HomePage');
