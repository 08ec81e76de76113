import { DownloadOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, List, Segmented, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Locale } from '../../app/numbers';
import { LoadError, LoadMore, PageSpinner, Time, useIsPhone, useShowProblem } from '../../components';
import { downloadFile } from '../imports';
import { formatMetric } from './format';
import { type DrillBody, type DrillRecord, type MetricDefinition, useDrill } from './metrics.api';

/** A number that was clicked: the query behind it and the cell (its row's dimension values). */
export type Drill = { title: string; def: MetricDefinition; body: Omit<DrillBody, 'part'> };

const paths: Record<string, string> = {
  lead: '/leads',
  customer: '/customers',
  opportunity: '/opportunities',
};

type Props = { drill: Drill | null; defs: Map<string, MetricDefinition>; onClose: () => void };

/**
 * 下钻: the records a number counts, in the reader's scope; each opens its record. A rate shows its
 * numerator's records or its denominator's.
 */
export function DrillDrawer({ drill, defs, onClose }: Props) {
  const phone = useIsPhone();
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      title={drill?.title}
      width={phone ? '100%' : 560}
      destroyOnHidden
      data-testid="drill-drawer"
    >
      {drill && <DrillList key={JSON.stringify(drill.body)} drill={drill} defs={defs} onOpen={onClose} />}
    </Drawer>
  );
}

type ListProps = { drill: Drill; defs: Map<string, MetricDefinition>; onOpen: () => void };

function DrillList({ drill, defs, onOpen }: ListProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [part, setPart] = useState<'numerator' | 'denominator'>('numerator');
  const ratio = drill.def.ratio;
  const shown = ratio ? defs.get(part === 'numerator' ? ratio.numerator : ratio.denominator) : drill.def;
  const query = useDrill({ ...drill.body, part }, i18n.language);
  const first = query.data?.pages[0];
  const records = query.data?.pages.flatMap((p) => p.data) ?? [];
  const unit = shown?.unit ?? drill.def.unit;
  const showProblem = useShowProblem();
  const [exporting, setExporting] = useState(false);
  return (
    <Flex vertical gap={12}>
      {ratio && (
        <Segmented
          block
          value={part}
          onChange={(v) => setPart(v as typeof part)}
          options={(['numerator', 'denominator'] as const).map((p) => ({
            value: p,
            label: defs.get(ratio[p])?.name ?? p,
          }))}
          data-testid="drill-part"
        />
      )}
      {query.isPending ? (
        <PageSpinner />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type="secondary" data-testid="drill-summary">
              {t(`performance.drill.${first?.aggregate ?? 'count'}`, {
                metric: first?.metric.name,
                count: first?.totalCount ?? 0,
                value: formatMetric(first?.value ?? 0, unit, locale),
              })}
            </Typography.Text>
            {first?.exportable && first.totalCount > 0 && (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={() => {
                  setExporting(true);
                  downloadFile('/api/v1/metrics/records/export', 'records.xlsx', { ...drill.body, part })
                    .catch(showProblem)
                    .finally(() => setExporting(false));
                }}
                data-testid="drill-export"
              >
                {t('performance.drill.export')}
              </Button>
            )}
          </Flex>
          <List<DrillRecord>
            size="small"
            dataSource={records}
            locale={{ emptyText: t('performance.drill.none') }}
            data-testid="drill-records"
            renderItem={(r) => (
              <List.Item
                data-testid="drill-record"
                extra={
                  r.value !== null ? (
                    <Typography.Text strong>{formatMetric(r.value, unit, locale)}</Typography.Text>
                  ) : null
                }
              >
                <List.Item.Meta
                  title={
                    <Link
                      to={`${paths[r.link.object] ?? '/'}/${r.link.id}`}
                      onClick={onOpen}
                      data-testid="drill-record-link"
                    >
                      {r.name || '—'}
                    </Link>
                  }
                  description={
                    <Flex gap={8} wrap>
                      {detailOf(r, t) && <span>{detailOf(r, t)}</span>}
                      <span>{r.ownerName ?? t('performance.drill.noOwner')}</span>
                      <Time ms={r.at} />
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
          <LoadMore query={query} loaded={records.length} total={first?.totalCount} />
        </>
      )}
    </Flex>
  );
}

/** A record's one line of detail: a deal's status, a follow-up's method, a lead's company, a customer's level. */
function detailOf(r: DrillRecord, t: TFunction): string | null {
  if (!r.detail) return null;
  if (r.kind === 'opportunity') return t(`opportunities.statuses.${r.detail as 'open'}`);
  if (r.kind === 'follow_up') return t(`followUps.methods.${r.detail as 'phone'}`);
  if (r.kind === 'customer') return t('performance.drill.level', { level: r.detail });
  return r.detail;
}
