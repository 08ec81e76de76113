import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader, SecretOnce, useIsPhone } from '../../components';
import { ImportButton } from '../imports';
import { AssignmentRuleDrawer } from './AssignmentRuleDrawer';
import { AssignmentRulesTab } from './AssignmentRulesTab';
import { LeadModelTab } from './LeadModelTab';
import { LeadSettingsTab } from './LeadSettingsTab';
import { LeadSourceDrawer } from './LeadSourceDrawer';
import { LeadSourcesTab } from './LeadSourcesTab';
import { type LeadSource, useLeadSources } from './lead-intake.api';
import { useAssignmentRules, useScoreRules } from './lead-rules.api';
import { ScoreRuleDrawer } from './ScoreRuleDrawer';
import { ScoreRulesTab } from './ScoreRulesTab';

const tabs = ['score', 'assignment', 'sources', 'model', 'settings'] as const;
type Tab = (typeof tabs)[number];
type Creatable = Extract<Tab, 'score' | 'assignment' | 'sources'>;
// By id: after a version conflict the drawers get the reloaded record.
type Editing = { kind: Creatable; id?: string } | null;
const createTestIds: Record<Creatable, string> = {
  score: 'create-score-rule',
  assignment: 'create-assignment-rule',
  sources: 'create-source',
};

/** 线索规则 (系统设置): 评分规则, 分配规则, 线索来源, 学习评分 and 线索设置. */
export function LeadRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : 'score';
  const [editing, setEditing] = useState<Editing>(null);
  const [secret, setSecret] = useState<{ source: LeadSource; value: string } | null>(null);
  const scoreRules = useScoreRules();
  const assignmentRules = useAssignmentRules();
  const sources = useLeadSources();
  const mayCreate = can('lead_rule', 'create');
  const mayChange = mayCreate || can('lead_rule', 'update') || can('lead_rule', 'delete');

  const creatable = tab === 'score' || tab === 'assignment' || tab === 'sources' ? tab : null;
  const create = mayCreate && creatable && (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setEditing({ kind: creatable })}
      data-testid={createTestIds[creatable]}
    >
      {t(`leadRules.${creatable}.create`)}
    </Button>
  );
  const show = (k: string) => setParams(k === 'score' ? {} : { tab: k }, { replace: true });
  const showSecret = (source: LeadSource, value: string) => setSecret({ source, value });

  return (
    <>
      <PageHeader
        title={t('leadRules.title')}
        subtitle={t('leadRules.subtitle')}
        extra={
          <Flex gap={8} wrap>
            {can('lead', 'import') && <ImportButton object="lead" label={t('imports.leads.button')} />}
            {create}
          </Flex>
        }
      />
      {!mayChange && (
        <Alert type="info" showIcon title={t('leadRules.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={show}
          // Five tabs do not fit a phone's width: there they are picked from a list.
          renderTabBar={
            phone
              ? () => (
                  <Select
                    value={tab}
                    onChange={show}
                    options={tabs.map((k) => ({ value: k, label: t(`leadRules.tabs.${k}`) }))}
                    style={{ width: '100%', marginBottom: 16 }}
                    aria-label={t('leadRules.title')}
                    data-testid="lead-rules-tab-select"
                  />
                )
              : undefined
          }
          items={[
            {
              key: 'score',
              label: t('leadRules.tabs.score'),
              children: <ScoreRulesTab onEdit={(r) => setEditing({ kind: 'score', id: r.id })} />,
            },
            {
              key: 'assignment',
              label: t('leadRules.tabs.assignment'),
              children: <AssignmentRulesTab onEdit={(r) => setEditing({ kind: 'assignment', id: r.id })} />,
            },
            {
              key: 'sources',
              label: t('leadRules.tabs.sources'),
              children: (
                <LeadSourcesTab
                  onEdit={(s) => setEditing({ kind: 'sources', id: s.id })}
                  onSecret={showSecret}
                />
              ),
            },
            { key: 'model', label: t('leadRules.tabs.model'), children: <LeadModelTab /> },
            { key: 'settings', label: t('leadRules.tabs.settings'), children: <LeadSettingsTab /> },
          ]}
          data-testid="lead-rules-tabs"
        />
      </Card>
      {editing?.kind === 'score' && (
        <ScoreRuleDrawer
          rule={scoreRules.data?.find((r) => r.id === editing.id)}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'assignment' && (
        <AssignmentRuleDrawer
          rule={assignmentRules.data?.find((r) => r.id === editing.id)}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'sources' && (
        <LeadSourceDrawer
          source={sources.data?.find((s) => s.id === editing.id)}
          onClose={() => setEditing(null)}
          onCreated={(source, value) => {
            void message.success(t('leadRules.sources.created'));
            if (value) showSecret(source, value);
          }}
        />
      )}
      <SecretOnce
        open={!!secret}
        title={t('leadRules.sources.secretTitle', { name: secret?.source.name ?? '' })}
        hint={t('leadRules.sources.secretHint')}
        value={secret?.value ?? ''}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
