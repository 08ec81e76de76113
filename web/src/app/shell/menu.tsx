import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BranchesOutlined,
  BulbOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  ControlOutlined,
  FieldTimeOutlined,
  FlagOutlined,
  FormOutlined,
  FundOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  MessageOutlined,
  NodeIndexOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

type Entry = { path: string; label: string; icon: ReactNode; object?: string };
type Group = { key: string; label: string; icon: ReactNode; children: Entry[] };

// The side navigation. An entry with an object appears only when the user may read that object.
function navigation(t: TFunction): (Entry | Group)[] {
  return [
    { path: '/', label: t('nav.home'), icon: <HomeOutlined /> },
    // 待办 reaches every section the user may read (and their approvals): no object.
    { path: '/todo', label: t('todo.nav'), icon: <CarryOutOutlined /> },
    // 跟进动态 shows the follow-ups of whatever the user may read: no object.
    { path: '/follow-ups', label: t('followUpFeed.nav'), icon: <MessageOutlined /> },
    // Sales teams work leads first, then the customers they become.
    { path: '/leads', label: t('leads.nav'), icon: <AimOutlined />, object: 'lead' },
    { path: '/leads/pool', label: t('leads.pool.nav'), icon: <InboxOutlined />, object: 'lead' },
    {
      key: 'customers',
      label: t('nav.customers'),
      icon: <ContactsOutlined />,
      children: [
        { path: '/customers', label: t('nav.customerList'), icon: <ContactsOutlined />, object: 'customer' },
        { path: '/pools', label: t('poolsRep.nav'), icon: <InboxOutlined />, object: 'customer' },
      ],
    },
    { path: '/opportunities', label: t('opportunities.nav'), icon: <FundOutlined />, object: 'opportunity' },
    // 业绩 counts whatever the user may read (each metric in its object's data scope): no object.
    { path: '/performance', label: t('performance.nav'), icon: <TrophyOutlined /> },
    { path: '/performance/targets', label: t('targets.nav'), icon: <FlagOutlined />, object: 'target' },
    { path: '/performance/forecast', label: t('forecast.nav'), icon: <RiseOutlined />, object: 'forecast' },
    { path: '/performance/insights', label: t('insights.nav'), icon: <AlertOutlined />, object: 'insight' },
    {
      path: '/performance/scorecards',
      label: t('scorecards.nav'),
      icon: <OrderedListOutlined />,
      object: 'scorecard',
    },
    // Everyone may be asked to approve: no object.
    { path: '/approvals', label: t('approvals.nav'), icon: <CheckSquareOutlined /> },
    { path: '/scripts', label: t('scripts.nav'), icon: <BulbOutlined />, object: 'script' },
    {
      key: 'system',
      label: t('nav.system'),
      icon: <SettingOutlined />,
      children: [
        {
          path: '/system/departments',
          label: t('nav.departments'),
          icon: <ApartmentOutlined />,
          object: 'department',
        },
        { path: '/system/users', label: t('nav.users'), icon: <TeamOutlined />, object: 'user' },
        { path: '/system/roles', label: t('nav.roles'), icon: <SafetyCertificateOutlined />, object: 'role' },
        {
          path: '/system/custom-fields',
          label: t('customFields.nav'),
          icon: <FormOutlined />,
          object: 'custom_field',
        },
        {
          path: '/system/pipelines',
          label: t('pipelineSettings.nav'),
          icon: <NodeIndexOutlined />,
          object: 'pipeline',
        },
        {
          path: '/system/approval-flows',
          label: t('approvalFlows.nav'),
          icon: <PartitionOutlined />,
          object: 'approval_definition',
        },
        { path: '/system/pools', label: t('poolSettings.nav'), icon: <ControlOutlined />, object: 'pool' },
        {
          path: '/system/follow-up-settings',
          label: t('followUpFeed.settings.nav'),
          icon: <FieldTimeOutlined />,
          object: 'follow_up_setting',
        },
        {
          path: '/system/lead-rules',
          label: t('leadRules.nav'),
          icon: <BranchesOutlined />,
          object: 'lead_rule',
        },
        { path: '/system/audit-log', label: t('nav.audit'), icon: <AuditOutlined />, object: 'audit' },
        { path: '/system/jobs', label: t('nav.jobs'), icon: <ScheduleOutlined />, object: 'job' },
      ],
    },
    {
      key: 'mine',
      label: t('nav.mine'),
      icon: <UserOutlined />,
      children: [{ path: '/account/api-keys', label: t('nav.apiKeys'), icon: <KeyOutlined /> }],
    },
  ];
}

type MenuItems = NonNullable<MenuProps['items']>;

/** `badge`: what to show beside an entry's label (e.g. how many approvals wait), by path. */
export function menuItems(
  t: TFunction,
  canRead: (object: string) => boolean,
  badge: (path: string) => ReactNode = () => null,
): MenuItems {
  const visible = (e: Entry) => !e.object || canRead(e.object);
  const labelOf = (e: Entry) => {
    const extra = badge(e.path);
    return extra ? (
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        {e.label}
        {extra}
      </span>
    ) : (
      e.label
    );
  };
  const items: MenuItems = [];
  for (const node of navigation(t)) {
    if ('path' in node) {
      if (visible(node)) items.push({ key: node.path, icon: node.icon, label: labelOf(node) });
      continue;
    }
    const children = node.children
      .filter(visible)
      .map((e) => ({ key: e.path, icon: e.icon, label: e.label }));
    if (children.length) items.push({ key: node.key, icon: node.icon, label: node.label, children });
  }
  return items;
}

/** The pages a user may open, for shortcuts on the home page. */
export function reachablePages(t: TFunction, canRead: (object: string) => boolean): Entry[] {
  return navigation(t)
    .flatMap((node) => ('path' in node ? [node] : node.children))
    .filter((e) => e.path !== '/' && (!e.object || canRead(e.object)));
}

// Top-level folders whose pages sit one level deeper (`/system/roles`); others are `/customers`.
const groupFolders = new Set(['system', 'account']);
// Pages of their own inside another page's folder (`/leads/pool` beside `/leads/:id`).
const subPages = new Set([
  '/leads/pool',
  '/performance/targets',
  '/performance/forecast',
  '/performance/insights',
  '/performance/scorecards',
]);

/** The menu key of a location: `/system/roles/123` highlights `/system/roles`, `/customers/1` `/customers`. */
export function selectedKey(pathname: string): string {
  const [first, second] = pathname.split('/').filter(Boolean);
  if (!first) return '/';
  if (subPages.has(`/${first}/${second}`)) return `/${first}/${second}`;
  return groupFolders.has(first) && second ? `/${first}/${second}` : `/${first}`;
}
