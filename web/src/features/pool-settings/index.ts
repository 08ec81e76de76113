import { lazyPage } from '../../components';

// 公海设置: pools, their members and claim limits, and the recycle rules (the rep-side 公海 is in ../pools).
export const PoolSettingsPage = lazyPage(() => import('./PoolSettingsPage'), 'PoolSettingsPage');
