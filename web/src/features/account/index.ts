import { lazyPage } from '../../components';

// 我的: the signed-in user's own account (password) and API keys.
export const AccountModal = lazyPage(() => import('./AccountModal'), 'AccountModal');
export const ApiKeysPage = lazyPage(() => import('./ApiKeysPage'), 'ApiKeysPage');
