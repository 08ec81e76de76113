import { Badge, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useInbox } from '../../features/approvals';
import { totalCount, useTodo } from '../../features/todo';
import { useAuth } from '../auth';
import { menuItems, selectedKey } from './menu';

export function SideMenu({ onNavigate, collapsed }: { onNavigate?: () => void; collapsed?: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // 审批's badge: how many requests wait for the user (the same request as the 待我审批 tab).
  const waiting = useInbox('todo').data?.length ?? 0;
  // 待办's badge: everything waiting in the user's own view (the same request as the page).
  const todo = useTodo('mine').data;
  const todoCount = todo ? totalCount(todo) : 0;
  return (
    <Menu
      mode="inline"
      inlineCollapsed={collapsed}
      selectedKeys={[selectedKey(pathname)]}
      defaultOpenKeys={['customers', 'system', 'mine']}
      items={menuItems(
        t,
        (object) => can(object, 'read'),
        (path) =>
          path === '/approvals' && waiting > 0 ? (
            <Badge count={waiting} overflowCount={99} size="small" data-testid="menu-approvals-count" />
          ) : path === '/todo' && todoCount > 0 ? (
            <Badge count={todoCount} overflowCount={99} size="small" data-testid="menu-todo-count" />
          ) : null,
      )}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
