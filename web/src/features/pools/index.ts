import { lazyPage } from '../../components';

// 公海 for reps: the pool page, 即将回收, and the change-of-hands actions used on customer pages.
export const PoolPage = lazyPage(() => import('./PoolPage'), 'PoolPage');
export const RecycleDuePage = lazyPage(() => import('./RecycleDuePage'), 'RecycleDuePage');
export { BulkActions } from './BulkActions';
export { OwnershipActions } from './OwnershipActions';
export { TeamCard } from './TeamCard';
