import { Flex, Progress, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPercent, type Locale } from '../../../app/numbers';
import { useForecast } from '../../forecast/forecast.api';
import { money } from '../../forecast/money';
import type { Scope } from '../../performance/scope';

type Props = { horizon: 'month' | 'quarter'; scope: Scope };

/** 预测与目标: this month's or quarter's won amount and forecast against the target — the forecast page's figures. */
export function ForecastTarget({ horizon, scope }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const forecast = useForecast(horizon, {
    ...(scope.departmentId ? { departmentId: scope.departmentId } : {}),
    ...(scope.pipelineId ? { pipelineId: scope.pipelineId } : {}),
  });
  if (forecast.isPending) return <Skeleton active />;
  if (forecast.isError) return <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>;
  const s = forecast.data.total;
  const share = (x: number) => (s.target ? Math.min(100, (x / s.target) * 100) : 0);
  return (
    <Flex vertical gap={8} data-testid="forecast-target" data-value={s.outlook}>
      <Flex gap={16} wrap>
        <Statistic title={t('forecast.cards.outlook')} value={money(s.outlook, locale)} />
        <Statistic
          title={t('forecast.cards.target')}
          value={s.target === null ? '—' : money(s.target, locale)}
        />
      </Flex>
      {s.target ? (
        <Progress
          percent={share(s.outlook)}
          success={{ percent: share(s.wonSoFar) }}
          format={() => formatPercent(s.outlook / s.target!, locale, 0)}
          aria-label={t('dashboards.forecast.progress')}
        />
      ) : (
        <Typography.Text type="secondary">{t('forecast.cards.noTarget')}</Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboards.forecast.parts', {
          won: money(s.wonSoFar, locale),
          forecast: money(s.forecast, locale),
        })}
      </Typography.Text>
      <Link to="/performance/forecast">{t('dashboards.forecast.open')}</Link>
    </Flex>
  );
}
