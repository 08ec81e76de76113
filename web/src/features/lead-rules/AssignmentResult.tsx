import { InboxOutlined, UserOutlined } from '@ant-design/icons';
import { Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssignmentPreview } from './lead-rules.api';
import { usePoolName } from './TargetText';

type Candidate = NonNullable<AssignmentPreview['reason']['candidates']>[number];

/** Where the sample would go and why: the rule and its method, the candidates it weighed, rules passed over. */
export function AssignmentResult({ result }: { result?: AssignmentPreview }) {
  const { t } = useTranslation();
  const poolName = usePoolName();
  if (!result) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leadRules.try.empty')} />;
  const { reason } = result;
  const candidates = reason.candidates ?? [];
  const chosen = candidates.find((c) => c.userId === result.ownerId);
  const col = (k: string) =>
    t(`leadRules.try.candidateColumns.${k}` as 'leadRules.try.candidateColumns.name');

  return (
    <Flex vertical gap={12} data-testid="assignment-result">
      <Flex vertical gap={4}>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="assignment-destination">
          {result.ownerId ? <UserOutlined /> : <InboxOutlined />}{' '}
          {result.ownerId
            ? t('leadRules.try.toUser', { name: chosen?.name ?? t('leadRules.assignment.someUser') })
            : t('leadRules.try.toPool', { name: poolName(result.poolId ?? undefined) })}
        </Typography.Title>
        <Typography.Text>
          {reason.kind === 'rule'
            ? [
                t('leadRules.try.byRule', { rule: reason.ruleName }),
                reason.method && candidates.length
                  ? t(`leadRules.assignment.methods.${reason.method}`)
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')
            : t('leadRules.try.fallback')}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('leadRules.try.scoreOfSample', { score: result.score })}
        </Typography.Text>
      </Flex>
      {candidates.length > 0 && (
        <Table<Candidate>
          rowKey="userId"
          size="small"
          pagination={false}
          dataSource={candidates}
          title={() => t('leadRules.try.candidates')}
          columns={[
            {
              title: col('name'),
              key: 'name',
              render: (_, c) => (
                <Flex gap={6} align="center" wrap>
                  {c.name}
                  {c.userId === result.ownerId && (
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                      {t('leadRules.try.chosen')}
                    </Tag>
                  )}
                </Flex>
              ),
            },
            // Counted only when the rule's method weighs it (round robin weighs neither).
            {
              title: col('openLeads'),
              dataIndex: 'openLeads',
              align: 'right',
              render: (n?: number) => n ?? '—',
            },
            {
              title: col('assignedToday'),
              dataIndex: 'assignedToday',
              align: 'right',
              render: (n?: number) => n ?? '—',
            },
            { title: col('weight'), dataIndex: 'weight', align: 'right' },
          ]}
          data-testid="assignment-candidates"
        />
      )}
      {!!reason.skipped?.length && (
        <Flex vertical gap={4} data-testid="assignment-skipped">
          <Typography.Text strong>{t('leadRules.try.skipped')}</Typography.Text>
          {reason.skipped.map((s) => (
            <Typography.Text key={s.ruleId} type="secondary">
              {t('leadRules.try.skippedLine', {
                rule: s.ruleName,
                why: t(`leadRules.try.skippedWhy.${s.why}`),
              })}
            </Typography.Text>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
