import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Time, useIsPhone } from '../../components';
import type { Approval, Box } from './approvals.api';
import { StatusTag } from './StatusTag';
import { currentStepName } from './steps';

/** One request in a box: the deal (a link to it), the change asked for, the flow, who and when, where it stands. */
export function ApprovalCard({ approval: a, box }: { approval: Approval; box: Box }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const open = () => navigate(`/approvals/${a.id}`);
  const step = currentStepName(a);
  return (
    <Card
      size="small"
      hoverable
      onClick={open}
      data-testid="approval-card"
      data-record={a.recordName}
      data-status={a.status}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text type="secondary">{a.name}</Typography.Text>
          <StatusTag status={a.status} />
        </Flex>
        <Link
          to={`/opportunities/${a.recordId}`}
          onClick={(e) => e.stopPropagation()}
          style={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}
          data-testid="approval-record-link"
        >
          {a.recordName}
        </Link>
        <Typography.Text data-testid="approval-summary">{a.summary}</Typography.Text>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('approvals.submittedBy', { name: a.submittedBy.name })} · <Time ms={a.submittedAt} relative />
            {step && <> · {t('approvals.currentStep', { step })}</>}
            {a.round > 1 && <> · {t('approvals.round', { round: a.round })}</>}
          </Typography.Text>
          {box === 'todo' && a.mine.decide ? (
            <Button
              type="primary"
              size={phone ? 'large' : 'middle'}
              block={phone}
              onClick={(e) => {
                e.stopPropagation();
                open();
              }}
              data-testid="approval-handle"
            >
              {t('approvals.handle')}
            </Button>
          ) : (
            <Typography.Link onClick={open}>
              {t('approvals.open')} <RightOutlined />
            </Typography.Link>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
