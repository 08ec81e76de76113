import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Lead } from '../../app/api-types';
import { useMe } from '../../app/auth';
import { unwrap } from '../../app/problem';
import { formatDateTime } from '../../app/time';
import { Time } from '../../components';
import { usePools } from '../pools';
import { assignmentWords } from './assignment-words';

/**
 * Who assigned it by hand: the viewer or the owner (names known), else looked up — a colleague outside
 * the viewer's user scope stays unnamed (the server answers 404).
 */
function useAssignerName(lead: Lead): (id: string) => string | null {
  const me = useMe();
  // Reasons carry the name as it was then; only older ones need it looked up.
  const by = lead.assignmentReason?.byUserName ? undefined : (lead.assignmentReason?.byUserId ?? undefined);
  const lookup = by && by !== me.id && by !== lead.ownerId ? by : undefined;
  // The same query as other user-name lookups, so one answer serves them all.
  const user = useQuery({
    queryKey: ['users', 'one', lookup],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: lookup! } } })),
    enabled: !!lookup,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return (id) =>
    id === me.id
      ? me.name
      : id === lead.ownerId && lead.ownerName
        ? lead.ownerName
        : (user.data?.name ?? null);
}

/** 分配原因: how the lead got its owner or pool — the rule, its method and candidates, the fallback, by hand, or its last change of hands. */
export function AssignmentCard({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const pools = usePools('lead');
  const user = useAssignerName(lead);
  const pool = (id: string | undefined) =>
    pools.data?.data.find((p) => p.id === id)?.name ?? t('leads.assignment.somePool');
  const words = assignmentWords(t, lead, { pool, user }, formatDateTime);
  return (
    <Card title={t('leads.assignment.title')} data-testid="lead-assignment-card">
      {!words ? (
        <Typography.Text type="secondary">{t('leads.assignment.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }} data-testid="assignment-decision">
            {words.decision}
          </Typography.Text>
          {words.candidates && (
            <Typography.Text style={{ wordBreak: 'break-word' }} data-testid="assignment-candidates">
              {words.candidates}
            </Typography.Text>
          )}
          {words.skipped.map((s) => (
            <Typography.Text key={s} type="secondary" style={{ wordBreak: 'break-word' }}>
              {s}
            </Typography.Text>
          ))}
          {words.reason && (
            <Typography.Text style={{ wordBreak: 'break-word' }} data-testid="assignment-reason">
              {words.reason}
            </Typography.Text>
          )}
          {lead.assignedAt && (
            <Typography.Text type="secondary">
              {words.timeLabel} <Time ms={lead.assignedAt} />
            </Typography.Text>
          )}
          {words.since && (
            <Typography.Text type="warning" style={{ wordBreak: 'break-word' }}>
              {words.since}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
