import { lazyPage } from '../../components';

// 客户: the customer list, the 360 page and 查重.
export const CustomersPage = lazyPage(() => import('./CustomersPage'), 'CustomersPage');
export const CustomerPage = lazyPage(() => import('./CustomerPage'), 'CustomerPage');
export { DuplicateCheckButton } from './DuplicateCheckButton';
