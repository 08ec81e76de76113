import { lazyPage } from '../../components';

// 公海 for reps: the pool page, 即将回收, and the change-of-hands actions used on customer pages (and,
// with object 'lead', for 线索池).
export const PoolPage = lazyPage(() => import('./PoolPage'), 'PoolPage');
export const RecycleDuePage = lazyPage(() => import('./RecycleDuePage'), 'RecycleDuePage');
export { BulkActions } from './BulkActions';
export { OwnershipActions } from './OwnershipActions';
export { OwnershipHistory } from './OwnershipHistory';
export { PoolQuota } from './PoolQuota';
export { type Pool, type PoolObject, useMoves, usePools } from './pools.api';
export { ReleaseModal } from './ReleaseModal';
export { TeamCard } from './TeamCard';
export { TransferModal } from './TransferModal';
