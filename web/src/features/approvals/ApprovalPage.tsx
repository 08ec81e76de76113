import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Result, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../app/problem';
import { LoadError, PageHeader, PageSpinner, Time, useIsPhone } from '../../components';
import { ApprovalHistory } from './ApprovalHistory';
import { useApproval } from './approvals.api';
import { DecisionBar } from './DecisionBar';
import { StatusTag } from './StatusTag';
import { StepsTimeline } from './StepsTimeline';

/** One request: the deal and the change asked for, the steps with each approver's decision, the history, and the viewer's actions. */
export function ApprovalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const phone = useIsPhone();
  const approval = useApproval(id);
  const back = (
    <Link to="/approvals">
      <Button icon={<ArrowLeftOutlined />}>{t('approvals.back')}</Button>
    </Link>
  );
  if (approval.isPending) return <PageSpinner />;
  if (approval.isError) {
    if (approval.error instanceof ApiProblem && approval.error.status === 404)
      return <Result status="404" title={t('approvals.notFound')} extra={back} />;
    return <LoadError error={approval.error} onRetry={() => void approval.refetch()} />;
  }
  const a = approval.data;
  return (
    <div data-testid="approval-page" data-status={a.status}>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {phone && (
              <Link to="/approvals" aria-label={t('approvals.back')}>
                <Button type="text" icon={<ArrowLeftOutlined />} />
              </Link>
            )}
            {a.name}
            <StatusTag status={a.status} />
          </Flex>
        }
        extra={
          !phone && (
            <>
              <DecisionBar approval={a} />
              {back}
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('approvals.details')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'record',
                  label: t('approvals.record'),
                  children: (
                    <Link to={`/opportunities/${a.recordId}`} data-testid="approval-record-link">
                      {a.recordName}
                    </Link>
                  ),
                },
                { key: 'summary', label: t('approvals.change'), children: a.summary },
                { key: 'flow', label: t('approvals.flow'), children: a.name },
                { key: 'by', label: t('approvals.submitter'), children: a.submittedBy.name },
                { key: 'at', label: t('approvals.submittedAt'), children: <Time ms={a.submittedAt} /> },
                ...(a.decidedAt
                  ? [{ key: 'ended', label: t('approvals.decidedAt'), children: <Time ms={a.decidedAt} /> }]
                  : []),
                ...(a.round > 1
                  ? [{ key: 'round', label: t('approvals.roundLabel'), children: a.round }]
                  : []),
                ...(a.cc.length
                  ? [
                      {
                        key: 'cc',
                        label: t('approvals.ccLabel'),
                        children: <span data-testid="approval-cc">{a.cc.map((p) => p.name).join('、')}</span>,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card title={t('approvals.steps')}>
              <StepsTimeline approval={a} />
            </Card>
            <Card title={t('approvals.history')}>
              <ApprovalHistory history={a.history} steps={a.steps} />
            </Card>
          </Flex>
        </Col>
      </Row>
      {phone && (
        <div style={{ marginTop: 16 }}>
          <DecisionBar approval={a} />
        </div>
      )}
    </div>
  );
}
