import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled } from '@ant-design/icons';
import { Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Approval } from './approvals.api';
import { type StepState, stepState } from './steps';

const colors: Record<StepState, string> = {
  done: 'green',
  current: 'blue',
  waiting: 'gray',
  rejected: 'red',
  skipped: 'gray',
};

type Person = Approval['steps'][number]['approvers'][number];

function Approver({ p }: { p: Person }) {
  const { t } = useTranslation();
  const icon =
    p.decision === 'approve' ? (
      <CheckCircleFilled style={{ color: '#52c41a' }} />
    ) : p.decision === 'reject' ? (
      <CloseCircleFilled style={{ color: '#ff4d4f' }} />
    ) : (
      <ClockCircleOutlined style={{ color: '#bfbfbf' }} />
    );
  return (
    <Flex gap={6} align="center" data-testid="step-approver" data-decision={p.decision ?? 'none'}>
      {icon}
      <Typography.Text>{p.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t(`approvals.decision.${p.decision ?? 'waiting'}`)}
        {p.decidedBy && ` ${t('approvals.delegation.decidedBy', { name: p.decidedBy.name })}`}
      </Typography.Text>
    </Flex>
  );
}

/** 审批步骤: each step in order with its mode (会签/或签), its approvers and their decisions, and where it stands. */
export function StepsTimeline({ approval: a }: { approval: Approval }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="approval-steps"
      items={a.steps.map((s, n) => {
        const state = stepState(a, n);
        return {
          key: `${n}-${s.name}`,
          color: colors[state],
          content: (
            <Flex vertical gap={4} data-testid="approval-step" data-state={state}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{s.name}</Typography.Text>
                {s.approvers.length > 1 && (
                  <Tag style={{ marginInlineEnd: 0 }}>{t(`approvals.modes.${s.mode}`)}</Tag>
                )}
                <Typography.Text
                  type={state === 'rejected' ? 'danger' : 'secondary'}
                  style={{ fontSize: 13 }}
                >
                  {t(`approvals.stepState.${state}`)}
                </Typography.Text>
              </Flex>
              {s.approvers.length ? (
                s.approvers.map((p) => <Approver key={p.id} p={p} />)
              ) : (
                <Typography.Text type="secondary">{t('approvals.noApprovers')}</Typography.Text>
              )}
            </Flex>
          ),
        };
      })}
    />
  );
}
