import { Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Time } from '../../components';
import type { ApprovalAction } from './approvals.api';

const colors: Record<ApprovalAction['action'], string> = {
  submit: 'blue',
  resubmit: 'blue',
  approve: 'green',
  auto_pass: 'green',
  reject: 'red',
  withdraw: 'gray',
};

/** 审批记录: every submission, decision and withdrawal in order, with who, when and their comment. */
export function ApprovalHistory({
  history,
  steps,
}: {
  history: ApprovalAction[];
  steps: { name: string }[];
}) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="approval-history"
      items={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: colors[h.action],
        content: (
          <Flex vertical gap={2} data-testid="history-entry" data-action={h.action}>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{h.actor?.name ?? t('approvals.systemActor')}</Typography.Text>
              {h.onBehalfOf && (
                <Typography.Text type="secondary" data-testid="history-on-behalf">
                  {t('approvals.delegation.onBehalf', { name: h.onBehalfOf.name })}
                </Typography.Text>
              )}
              <Typography.Text>{t(`approvals.done.${h.action}`)}</Typography.Text>
              {(h.action === 'approve' || h.action === 'reject' || h.action === 'auto_pass') &&
                steps[h.step] && <Typography.Text type="secondary">{steps[h.step]?.name}</Typography.Text>}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              <Time ms={h.at} />
            </Typography.Text>
            {h.comment && (
              <Typography.Paragraph
                style={{ margin: 0, padding: '6px 10px', background: '#fafafa', borderRadius: 6 }}
                data-testid="history-comment"
              >
                {h.comment}
              </Typography.Paragraph>
            )}
          </Flex>
        ),
      }))}
    />
  );
}
