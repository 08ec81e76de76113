import { Alert, App, Button, Card, Col, Result, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Lead } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { ApiProblem } from '../../app/problem';
import { LoadError, PageHeader, PageSpinner, useShowProblem } from '../../components';
import { RecordTimeline } from '../audit';
import { LeadActions } from './LeadActions';
import { LeadProfile } from './LeadProfile';
import { leadsKey, useLead, useLeadMutations } from './leads.api';
import { changesOf } from './timeline';

/** 无效: why, and 重新打开 (back to 跟进中) for those who may change the lead. */
function DisqualifiedBanner({ lead, onConflict }: { lead: Lead; onConflict: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
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
        can('lead', 'update') && (
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

/** 线索 detail: every field on the left, 操作日志 on the right; actions in the header. */
export function LeadPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const lead = useLead(id);

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

  return (
    <>
      <PageHeader
        title={<span style={{ wordBreak: 'break-word' }}>{l.name}</span>}
        subtitle={[l.company, l.title].filter(Boolean).join(' · ') || undefined}
        extra={<LeadActions lead={l} onConflict={reload} />}
      />
      {l.status === 'disqualified' && <DisqualifiedBanner lead={l} onConflict={reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('leads.profile')}>
            <LeadProfile lead={l} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('leads.log')}>
            <RecordTimeline
              object="lead"
              id={l.id}
              queryKey={leadsKey}
              ns="leads"
              changesOf={(e) => changesOf(t, e, l)}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
