import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components';
import { AssignmentRuleDrawer } from './AssignmentRuleDrawer';
import { AssignmentRulesTab } from './AssignmentRulesTab';
import { useAssignmentRules, useScoreRules } from './lead-rules.api';
import { ScoreRuleDrawer } from './ScoreRuleDrawer';
import { ScoreRulesTab } from './ScoreRulesTab';

type Tab = 'score' | 'assignment';
// By id: after a version conflict the drawers get the reloaded rule.
type Editing = { kind: Tab; id?: string } | null;

/** 线索规则 (系统设置): 评分规则 and 分配规则, each tried out on a sample lead. */
export function LeadRulesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'assignment' ? 'assignment' : 'score';
  const [editing, setEditing] = useState<Editing>(null);
  const scoreRules = useScoreRules();
  const assignmentRules = useAssignmentRules();
  const mayCreate = can('lead_rule', 'create');
  const mayChange = mayCreate || can('lead_rule', 'update') || can('lead_rule', 'delete');

  const create = mayCreate && (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setEditing({ kind: tab })}
      data-testid={tab === 'score' ? 'create-score-rule' : 'create-assignment-rule'}
    >
      {t(tab === 'score' ? 'leadRules.score.create' : 'leadRules.assignment.create')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('leadRules.title')} subtitle={t('leadRules.subtitle')} extra={create} />
      {!mayChange && (
        <Alert type="info" showIcon title={t('leadRules.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'assignment' ? { tab: k } : {}, { replace: true })}
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
    </>
  );
}
