import { lazyPage } from '../../components';

// 待办: what needs doing — follow-ups due, first contacts, soon recycled, approvals, stalled deals.
export const TodoPage = lazyPage(() => import('./TodoPage'), 'TodoPage');
export { totalCount } from './sections';
export { TodoSummary } from './TodoSummary';
export { useTodo } from './todo.api';
