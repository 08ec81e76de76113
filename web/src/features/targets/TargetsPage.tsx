import { Button, Card, DatePicker, Flex, Input, Segmented, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner, useIsPhone, useShowProblem } from '../../components';
import { useMetricDefinitions } from '../performance/metrics.api';
import { HistoryDrawer } from './HistoryDrawer';
import { firstDayOf, keyOf, type Level, levelOf, periodLabel } from './periods';
import { SplitDrawer } from './SplitDrawer';
import { TargetTable } from './TargetTable';
import { type TargetRow, useTargetMutations, useTargetTree } from './targets.api';

const today = () => dayjs().format('YYYY-MM-DD');

/** 业绩目标: one period's targets down the org chart, typed in or split from above, with their progress. */
export function TargetsPage() {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const { can } = useAuth();
  const showProblem = useShowProblem();
  const definitions = useMetricDefinitions(i18n.language);
  const [metric, setMetric] = useState('won_amount');
  const [period, setPeriod] = useState(() => keyOf(today(), 'year'));
  const [draft, setDraft] = useState(new Map<string, number>());
  const [reason, setReason] = useState('');
  const [splitting, setSplitting] = useState<TargetRow | null>(null);
  const [history, setHistory] = useState<TargetRow | null>(null);
  const tree = useTargetTree(metric, period, i18n.language);
  const { save } = useTargetMutations();
  const level = levelOf(period);

  if (definitions.isPending || (tree.isPending && !tree.data)) return <PageSpinner />;
  if (definitions.isError)
    return <LoadError error={definitions.error} onRetry={() => void definitions.refetch()} />;
  if (tree.isError && !tree.data) return <LoadError error={tree.error} onRetry={() => void tree.refetch()} />;
  const targetable = definitions.data.data.filter((d) => d.targetable);
  const unit = targetable.find((d) => d.id === metric)?.unit ?? 'count';
  const data = tree.data!;
  const begun = data.period.firstDay <= today();
  const ended = data.period.lastDay < today();
  const daysLeft = data.rows.find((r) => r.progress)?.progress?.daysLeft;
  const writable = can('target', 'update') && data.rows.some((r) => r.writable);

  const show = (next: { metric?: string; period?: string }) => {
    setDraft(new Map());
    setReason('');
    if (next.metric) setMetric(next.metric);
    if (next.period) setPeriod(next.period);
  };
  const type = (row: TargetRow, value: number | null) => {
    const next = new Map(draft);
    if (value === null || value === row.target?.value) next.delete(row.key);
    else next.set(row.key, value);
    setDraft(next);
  };
  const commit = () =>
    save.mutate(
      {
        metric,
        ...(reason.trim() && { reason: reason.trim() }),
        cells: data.rows
          .filter((r) => draft.has(r.key))
          .map((r) => ({
            nodeType: r.type,
            nodeId: r.id,
            period: data.period.key,
            value: draft.get(r.key)!,
            ...(r.target && { version: r.target.version }),
          })),
      },
      {
        onSuccess: () => show({}),
        onError: (e) => showProblem(e, { onConflict: () => show({}) }),
      },
    );

  return (
    <>
      <PageHeader title={t('targets.title')} subtitle={t('targets.subtitle')} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          value={metric}
          onChange={(m) => show({ metric: m })}
          options={targetable.map((d) => ({ value: d.id, label: d.name }))}
          style={{ width: phone ? '100%' : 160 }}
          aria-label={t('targets.metric')}
          data-testid="target-metric"
        />
        <Segmented<Level>
          value={level}
          onChange={(l) => {
            // From the period that holds today to the one of the new level that does; else its start.
            const day = keyOf(today(), levelOf(period)) === period ? today() : firstDayOf(period);
            show({ period: keyOf(day, l) });
          }}
          options={(['year', 'quarter', 'month'] as const).map((l) => ({
            value: l,
            label: t(`targets.levels.${l}`),
          }))}
          data-testid="target-level"
        />
        <DatePicker
          picker={level}
          allowClear={false}
          value={dayjs(firstDayOf(period))}
          onChange={(d) => d && show({ period: keyOf(d.format('YYYY-MM-DD'), level) })}
          format={() => periodLabel(period, t)}
          style={{ width: 170 }}
          data-testid="target-period"
        />
        <Typography.Text type="secondary" data-testid="days-left">
          {ended
            ? t('targets.ended')
            : !begun
              ? t('targets.notBegun')
              : daysLeft !== undefined
                ? t('targets.daysLeft', { count: daysLeft })
                : null}
        </Typography.Text>
      </Flex>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <TargetTable
          rows={data.rows}
          unit={unit}
          draft={draft}
          onType={type}
          onSplit={setSplitting}
          onHistory={setHistory}
          loading={tree.isFetching && tree.isPlaceholderData}
        />
      </Card>
      {writable && draft.size > 0 && (
        <Card
          size="small"
          style={{
            position: 'sticky',
            bottom: 0,
            marginTop: 12,
            zIndex: 3,
            boxShadow: '0 -2px 8px rgba(0,0,0,0.08)',
          }}
          data-testid="target-save-bar"
        >
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{t('targets.changed', { count: draft.size })}</Typography.Text>
            <Input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder={t(begun ? 'targets.reasonRequired' : 'targets.reasonOptional')}
              style={{ flex: 1, minWidth: 200 }}
              status={begun && !reason.trim() ? 'warning' : undefined}
              data-testid="target-reason"
            />
            <Button onClick={() => show({})}>{t('targets.discard')}</Button>
            <Button
              type="primary"
              onClick={commit}
              loading={save.isPending}
              disabled={begun && !reason.trim()}
              data-testid="target-save"
            >
              {t('targets.save')}
            </Button>
          </Flex>
        </Card>
      )}
      {splitting && (
        <SplitDrawer
          tree={data}
          row={splitting}
          unit={unit}
          begun={begun}
          onClose={() => setSplitting(null)}
        />
      )}
      {history && (
        <HistoryDrawer
          metric={metric}
          period={period}
          row={history}
          unit={unit}
          onClose={() => setHistory(null)}
        />
      )}
    </>
  );
}
