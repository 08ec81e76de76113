import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Skeleton, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../app/numbers';
import { formatMetric } from './format';
import { type MetricDefinition, useMetric } from './metrics.api';
import { queryOf, type Scope } from './scope';

type Props = {
  def: MetricDefinition;
  scope: Scope;
  parts?: [MetricDefinition, MetricDefinition];
  /** Opens the records behind the number. */
  onDrill?: () => void;
};

/** One metric's total for the period, named and explained by the registry (a rate with its two counts). */
export function KpiCard({ def, scope, parts, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const result = useMetric(queryOf(def, scope), i18n.language);
  const total = result.data?.total;
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${def.id}`}>
      <Flex vertical gap={4}>
        <Flex gap={6} align="center">
          <Typography.Text type="secondary">{def.name}</Typography.Text>
          <Tooltip title={def.description}>
            <InfoCircleOutlined
              style={{ color: 'rgba(0,0,0,0.35)', fontSize: 12 }}
              aria-label={def.description}
            />
          </Tooltip>
        </Flex>
        {result.isPending ? (
          <Skeleton.Input active size="small" />
        ) : result.isError ? (
          <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>
        ) : (
          <>
            <Typography.Link
              strong
              onClick={onDrill}
              disabled={!onDrill}
              title={t('performance.drill.open')}
              style={{ fontSize: 24, lineHeight: 1.3, color: 'inherit' }}
              data-testid="kpi-value"
            >
              {formatMetric(total?.value ?? null, def.unit, locale, true)}
            </Typography.Link>
            {parts && total?.denominator !== undefined && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="kpi-parts">
                {`${parts[0].name} ${formatMetric(total.numerator ?? 0, parts[0].unit, locale, true)} / ${parts[1].name} ${formatMetric(total.denominator, parts[1].unit, locale, true)}`}
              </Typography.Text>
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}
