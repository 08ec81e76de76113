import { createBrowserRouter } from 'react-router';
import { lazyPage } from '../components';
import { ApiKeysPage } from '../features/account';
import { ApprovalFlowsPage } from '../features/approval-settings';
import { ApprovalPage, ApprovalsPage } from '../features/approvals';
import { AuditLogPage } from '../features/audit';
import { InvitePage, LoginPage } from '../features/auth';
import { CustomFieldsPage } from '../features/custom-fields';
import { CustomerPage, CustomersPage } from '../features/customers';
import { DashboardPage } from '../features/dashboards';
import { FollowUpSettingsPage, TeamFeedPage } from '../features/follow-ups';
import { ForecastPage } from '../features/forecast';
import { HomePage } from '../features/home';
import { ImportWizardPage } from '../features/imports';
import { InsightsPage } from '../features/insights';
import { JobsPage } from '../features/jobs';
import { LeadRulesPage } from '../features/lead-rules';
import { LeadPage, LeadPoolPage, LeadsPage } from '../features/leads';
import { OpportunitiesPage, OpportunityPage } from '../features/opportunities';
import { DepartmentsPage, RoleEditorPage, RolesPage, UsersPage } from '../features/org';
import { PipelineSettingsPage } from '../features/pipeline-settings';
import { PoolSettingsPage } from '../features/pool-settings';
import { PoolPage, RecycleDuePage } from '../features/pools';
import { ScorecardsPage } from '../features/scorecards';
import { ScriptsPage } from '../features/scripts';
import { TargetsPage } from '../features/targets';
import { TodoPage } from '../features/todo';
import { Allowed, NotFound, RequireAuth } from './shell/guards';

const AppLayout = lazyPage(() => import('./shell/AppLayout'), 'AppLayout');

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'todo', element: <TodoPage /> },
      { path: 'performance', element: <DashboardPage /> },
      { path: 'performance/targets', element: <Allowed object="target" page={<TargetsPage />} /> },
      { path: 'performance/forecast', element: <Allowed object="forecast" page={<ForecastPage />} /> },
      { path: 'performance/insights', element: <Allowed object="insight" page={<InsightsPage />} /> },
      { path: 'performance/scorecards', element: <Allowed object="scorecard" page={<ScorecardsPage />} /> },
      { path: 'follow-ups', element: <TeamFeedPage /> },
      {
        path: 'system/follow-up-settings',
        element: <Allowed object="follow_up_setting" page={<FollowUpSettingsPage />} />,
      },
      { path: 'scripts', element: <Allowed object="script" page={<ScriptsPage />} /> },
      { path: 'leads', element: <Allowed object="lead" page={<LeadsPage />} /> },
      { path: 'leads/pool', element: <Allowed object="lead" page={<LeadPoolPage />} /> },
      {
        path: 'leads/recycle-due',
        element: <Allowed object="lead" page={<RecycleDuePage object="lead" />} />,
      },
      { path: 'leads/import', element: <Allowed object="lead" page={<ImportWizardPage entry="lead" />} /> },
      {
        path: 'opportunities/import',
        element: <Allowed object="opportunity" page={<ImportWizardPage entry="opportunity" />} />,
      },
      { path: 'leads/:id', element: <Allowed object="lead" page={<LeadPage />} /> },
      { path: 'customers', element: <Allowed object="customer" page={<CustomersPage />} /> },
      { path: 'customers/import', element: <Allowed object="customer" page={<ImportWizardPage />} /> },
      { path: 'customers/recycle-due', element: <Allowed object="customer" page={<RecycleDuePage />} /> },
      { path: 'customers/:id', element: <Allowed object="customer" page={<CustomerPage />} /> },
      { path: 'pools', element: <Allowed object="customer" page={<PoolPage />} /> },
      { path: 'opportunities', element: <Allowed object="opportunity" page={<OpportunitiesPage />} /> },
      { path: 'opportunities/:id', element: <Allowed object="opportunity" page={<OpportunityPage />} /> },
      { path: 'approvals', element: <ApprovalsPage /> },
      { path: 'approvals/:id', element: <ApprovalPage /> },
      { path: 'system/departments', element: <Allowed object="department" page={<DepartmentsPage />} /> },
      { path: 'system/users', element: <Allowed object="user" page={<UsersPage />} /> },
      {
        path: 'system/users/import',
        element: <Allowed object="user" page={<ImportWizardPage entry="user" />} />,
      },
      { path: 'system/roles', element: <Allowed object="role" page={<RolesPage />} /> },
      { path: 'system/roles/:id', element: <Allowed object="role" page={<RoleEditorPage />} /> },
      {
        path: 'system/custom-fields',
        element: <Allowed object="custom_field" page={<CustomFieldsPage />} />,
      },
      { path: 'system/pipelines', element: <Allowed object="pipeline" page={<PipelineSettingsPage />} /> },
      {
        path: 'system/approval-flows',
        element: <Allowed object="approval_definition" page={<ApprovalFlowsPage />} />,
      },
      { path: 'system/pools', element: <Allowed object="pool" page={<PoolSettingsPage />} /> },
      { path: 'system/lead-rules', element: <Allowed object="lead_rule" page={<LeadRulesPage />} /> },
      { path: 'system/audit-log', element: <Allowed object="audit" page={<AuditLogPage />} /> },
      { path: 'system/jobs', element: <Allowed object="job" page={<JobsPage />} /> },
      { path: 'account/api-keys', element: <ApiKeysPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
