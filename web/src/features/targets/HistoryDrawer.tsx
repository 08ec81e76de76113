import { Drawer, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../app/numbers';
import { Time, useIsPhone } from '../../components';
import type { MetricDefinition } from '../performance/metrics.api';
import { periodLabel } from './periods';
import { type TargetRow, useTargetChanges } from './targets.api';
import { showValue } from './values';

type Props = {
  metric: string;
  period: string;
  row: TargetRow;
  unit: MetricDefinition['unit'];
  onClose: () => void;
};

/** 调整记录: every change of one target, newest first — who, when, from what to what, how and why. */
export function HistoryDrawer({ metric, period, row, unit, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const phone = useIsPhone();
  const changes = useTargetChanges({ metric, period, nodeType: row.type, nodeId: row.id });
  return (
    <Drawer
      open
      onClose={onClose}
      title={t('targets.history.title', { name: row.name, period: periodLabel(period, t) })}
      size={phone ? '100%' : 480}
      data-testid="history-drawer"
    >
      {changes.isPending ? (
        <Skeleton active />
      ) : !changes.data?.length ? (
        <Empty description={t('targets.history.empty')} />
      ) : (
        <Timeline
          items={changes.data.map((c) => ({
            children: (
              <div data-testid="history-entry">
                <Typography.Text strong>
                  {c.before === null
                    ? t('targets.history.set', { value: showValue(c.after, unit, locale) })
                    : t('targets.history.changed', {
                        before: showValue(c.before, unit, locale),
                        after: showValue(c.after, unit, locale),
                      })}
                </Typography.Text>{' '}
                <Tag>{t(`targets.methods.${c.method}`)}</Tag>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.actorName} · <Time ms={c.at} />
                  </Typography.Text>
                </div>
                {c.reason && (
                  <Typography.Paragraph style={{ margin: '4px 0 0' }}>{c.reason}</Typography.Paragraph>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
