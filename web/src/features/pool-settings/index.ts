import { lazyPage } from '../../components';

// 公海设置: pools (公海 of customers, 线索池 of leads), their members and claim limits, and the recycle
// rules (the rep-side 公海 is in ../pools).
export const PoolSettingsPage = lazyPage(() => import('./PoolSettingsPage'), 'PoolSettingsPage');
export { LimitInput } from './LimitInput';
export { LimitText } from './labels';
export { type Pool, usePools } from './pools.api';
