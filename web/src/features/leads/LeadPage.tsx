import { Alert, App, Button, Card, Col, Flex, Result, Row, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { LeadDetail } from '../../app/api-types';
import { ApiProblem } from '../../app/problem';
import { formatDateTime } from '../../app/time';
import {
  DuplicateMatches,
  LoadError,
  PageHeader,
  PageSpinner,
  useIsPhone,
  useShowProblem,
} from '../../components';
import { RecordTimeline } from '../audit';
import { useCustomer } from '../customers/customers.api';
import { OwnershipHistory } from '../pools';
import { AssignmentCard } from './AssignmentCard';
import { FollowUpsTab } from './FollowUpsTab';
import { LeadActions } from './LeadActions';
import { LeadMoves } from './LeadMoves';
import { LeadProfile } from './LeadProfile';
import { leadsKey, useLead, useLeadMutations } from './leads.api';
import { ScoreCard } from './ScoreCard';
import { changesOf } from './timeline';

/** 无效: why, and 重新打开 (back to 跟进中) for those who may change the lead. */
function DisqualifiedBanner({ lead, onConflict }: { lead: LeadDetail; onConflict: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { update } = useLeadMutations();
  const showProblem = useShowProblem();
  const reopen = async () => {
    try {
      await update.mutateAsync({ lead, changes: { status: 'working' } });
      void message.success(t('leads.reopened'));
    } catch (e) {
      showProblem(e, { onConflict });
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="disqualified-banner"
      title={t('leads.disqualifiedBanner')}
      description={
        lead.disqualifyReason && (
          <span style={{ wordBreak: 'break-word' }}>
            {t('leads.disqualifiedBecause', { reason: lead.disqualifyReason })}
          </span>
        )
      }
      action={
        lead.myAccess.update && (
          <Button
            size="small"
            loading={update.isPending}
            onClick={() => void reopen()}
            data-testid="reopen-lead"
          >
            {t('leads.reopen')}
          </Button>
        )
      }
    />
  );
}

/** 已转化: the customer it became (a link when the user may see it), when, and its contact. */
function ConvertedBanner({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation();
  const customer = useCustomer(lead.convertedCustomerId ?? undefined);
  const to = `/customers/${lead.convertedCustomerId}`;
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="converted-banner"
      title={
        customer.data ? (
          <span style={{ wordBreak: 'break-word' }}>
            {t('leads.converted.banner')}{' '}
            <Link to={to} data-testid="converted-customer">
              {customer.data.name}
            </Link>
          </span>
        ) : customer.isError ? (
          t('leads.converted.bannerHidden')
        ) : (
          t('leads.converted.banner')
        )
      }
      description={
        <Flex gap={12} wrap>
          {lead.convertedAt && (
            <span>{t('leads.converted.at', { time: formatDateTime(lead.convertedAt) })}</span>
          )}
          {lead.convertedContactId && customer.data && (
            <Link to={to} data-testid="converted-contact">
              {t('leads.converted.contact', { name: lead.name })}
            </Link>
          )}
        </Flex>
      }
    />
  );
}

/** A lead kept although it matched existing records when it came in (web form / import 标记): which. */
function FlaggedPanel({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="flagged-panel"
      title={t('leads.flagged.title')}
      description={
        <>
          <Typography.Text type="secondary">{t('leads.flagged.hint')}</Typography.Text>
          <DuplicateMatches matches={lead.duplicates} />
        </>
      }
    />
  );
}

/**
 * 线索 detail: every field, its score and why it has its owner on the left; 跟进记录 (the deadline,
 * 写跟进 and the log of follow-ups), 归属记录 and 操作日志 on the right; 领取 / 退回线索池 / 转移 and the other
 * actions in the header. On a phone one column: the person, then follow-ups, then score and assignment.
 */
export function LeadPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const lead = useLead(id);
  // The open tab lives in the address (?tab=log): it survives the page being drawn again after a
  // change (reopening a lead showed 跟进记录 again) and can be linked to.
  const [params, setParams] = useSearchParams();
  const phone = useIsPhone();

  if (lead.isPending) return <PageSpinner />;
  if (lead.isError) {
    if (lead.error instanceof ApiProblem && lead.error.status === 404)
      return (
        <Result
          status="404"
          title={t('leads.notFoundTitle')}
          data-testid="lead-not-found"
          extra={
            <Link to="/leads">
              <Button type="primary">{t('leads.backToList')}</Button>
            </Link>
          }
        />
      );
    return <LoadError error={lead.error} onRetry={() => void lead.refetch()} />;
  }
  const l = lead.data;
  const reload = () => void lead.refetch();

  const profile = (
    <Card title={t('leads.profile')}>
      <LeadProfile lead={l} />
    </Card>
  );
  const work = (
    <Card styles={{ body: { paddingTop: 4 } }}>
      <Tabs
        activeKey={params.get('tab') ?? 'follow-ups'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'follow-ups', label: t('followUps.tab'), children: <FollowUpsTab lead={l} /> },
          {
            key: 'ownership',
            label: t('poolsRep.history.tab'),
            children: <OwnershipHistory object="lead" id={l.id} />,
          },
          {
            key: 'log',
            label: t('leads.log'),
            children: (
              <RecordTimeline
                object="lead"
                id={l.id}
                queryKey={leadsKey}
                ns="leads"
                changesOf={(e) => changesOf(t, e, l, formatDateTime)}
              />
            ),
          },
        ]}
        data-testid="lead-tabs"
      />
    </Card>
  );
  const score = <ScoreCard lead={l} />;
  const assignment = <AssignmentCard lead={l} />;

  return (
    <>
      <PageHeader
        title={<span style={{ wordBreak: 'break-word' }}>{l.name}</span>}
        subtitle={[l.company, l.title].filter(Boolean).join(' · ') || undefined}
        extra={
          <>
            <LeadMoves lead={l} />
            <LeadActions lead={l} onConflict={reload} />
          </>
        }
      />
      {l.status === 'disqualified' && <DisqualifiedBanner lead={l} onConflict={reload} />}
      {l.status === 'converted' && l.convertedCustomerId && <ConvertedBanner lead={l} />}
      {l.status !== 'converted' && l.duplicates.length > 0 && <FlaggedPanel lead={l} />}
      {phone ? (
        <Flex vertical gap={16}>
          {profile}
          {work}
          {score}
          {assignment}
        </Flex>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              {profile}
              {score}
              {assignment}
            </Flex>
          </Col>
          <Col xs={24} lg={14}>
            {work}
          </Col>
        </Row>
      )}
    </>
  );
}
