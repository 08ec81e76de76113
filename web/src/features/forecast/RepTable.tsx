import { EditOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Locale } from '../../app/numbers';
import { useIsPhone } from '../../components';
import type { Forecast, ForecastRep } from './forecast.api';
import { money } from './money';

type Props = { data: Forecast; onAdjust: (rep: ForecastRep) => void; loading: boolean };

/** Per rep: won so far, the system's forecast and outlook against their target, categories, the manager's call. */
export function RepTable({ data, onAdjust, loading }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const period = data.period !== null;
  const phone = useIsPhone();
  const m = (v: number | null) => (v === null ? t('forecast.reps.none') : money(v, locale));
  const columns: ColumnsType<ForecastRep> = [
    {
      title: t('forecast.reps.name'),
      key: 'name',
      fixed: 'left',
      render: (_v, r) => (
        <Flex vertical>
          <span>{r.name}</span>
          {r.departmentName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.departmentName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(period
      ? ([
          {
            title: t('forecast.reps.won'),
            key: 'won',
            align: 'right',
            responsive: ['md'],
            render: (_v, r) => m(r.wonSoFar),
          },
          {
            title: t('forecast.reps.forecast'),
            key: 'forecast',
            align: 'right',
            responsive: ['md'],
            render: (_v, r) => m(r.forecast),
          },
        ] satisfies ColumnsType<ForecastRep>)
      : []),
    {
      title: period ? t('forecast.reps.outlook') : t('forecast.reps.forecast'),
      key: 'outlook',
      align: 'right',
      render: (_v, r) => (
        <Flex vertical align="end">
          <strong data-testid="rep-outlook" data-value={period ? r.outlook : r.forecast}>
            {m(period ? r.outlook : r.forecast)}
          </strong>
          {/* A phone has no room for the gap's column: it goes under the outlook. */}
          {phone && r.gap !== null && <Gap gap={r.gap} />}
        </Flex>
      ),
    },
    ...(period
      ? ([
          {
            title: t('forecast.reps.target'),
            key: 'target',
            align: 'right',
            responsive: ['lg'],
            render: (_v, r) => m(r.target),
          },
          {
            title: t('forecast.reps.gap'),
            key: 'gap',
            align: 'right',
            responsive: ['sm'],
            render: (_v, r) => (r.gap === null ? t('forecast.reps.none') : <Gap gap={r.gap} />),
          },
        ] satisfies ColumnsType<ForecastRep>)
      : []),
    {
      title: t('forecast.reps.categories'),
      key: 'categories',
      align: 'right',
      responsive: ['xl'],
      render: (_v, r) =>
        [r.categories.commit, r.categories.bestCase, r.categories.pipeline]
          .map((v) => money(v, locale))
          .join(' / '),
    },
    {
      title: t('forecast.reps.track'),
      key: 'track',
      align: 'right',
      responsive: ['lg'],
      render: (_v, r) => (
        <Tooltip title={t('forecast.reps.trackHint', { ratio: formatNumber(r.trackRecord, locale, 2) })}>
          <span>×{formatNumber(r.trackRecord, locale, 2)}</span>
        </Tooltip>
      ),
    },
    ...(period
      ? ([
          {
            title: t('forecast.reps.adjustment'),
            key: 'adjustment',
            render: (_v, r) => (
              <Flex gap={4} align="center" wrap>
                {r.adjustment?.amount != null && (
                  <Tooltip title={`${r.adjustment.note} · ${r.adjustment.byName}`}>
                    <span data-testid="rep-adjustment" data-value={r.adjustment.amount}>
                      {money(r.adjustment.amount, locale)}
                    </span>
                  </Tooltip>
                )}
                {r.adjustable && (
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    onClick={() => onAdjust(r)}
                    aria-label={`${t('forecast.reps.adjust')} ${r.name}`}
                    data-testid="rep-adjust"
                  >
                    {t('forecast.reps.adjust')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ] satisfies ColumnsType<ForecastRep>)
      : []),
  ];
  return (
    <Table<ForecastRep>
      rowKey="userId"
      size="small"
      columns={columns}
      dataSource={data.reps}
      pagination={false}
      loading={loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('forecast.reps.empty') }}
      data-testid="forecast-reps"
    />
  );
}

/** Short of the target (red) or over it (green). */
function Gap({ gap }: { gap: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <Typography.Text type={gap > 0 ? 'danger' : 'success'} style={{ whiteSpace: 'nowrap' }}>
      {gap > 0 ? money(gap, locale) : t('forecast.reps.over', { value: money(-gap, locale) })}
    </Typography.Text>
  );
}
