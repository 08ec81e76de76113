import { Card, Col, Flex, Row, Statistic, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPercent, type Locale } from '../../app/numbers';
import type { Forecast } from './forecast.api';
import { money } from './money';

/** The window at a glance: outlook against the target, the system's forecast, the reps' categories, the baseline. */
export function SummaryCards({ data }: { data: Forecast }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const s = data.total;
  const period = data.period !== null;
  // `data-value`: the sum in 分 the card shows (what browser tests compare with the API).
  const card = (testId: string, title: string, value: string, hint: React.ReactNode, raw?: number | null) => (
    <Card size="small" style={{ height: '100%' }}>
      <div data-testid={testId} data-value={raw ?? undefined}>
        <Statistic title={title} value={value} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      </div>
    </Card>
  );
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {period && (
        <Col xs={12} lg={6}>
          {card(
            'forecast-outlook',
            t('forecast.cards.outlook'),
            money(s.outlook, locale),
            t('forecast.cards.outlookHint', {
              won: money(s.wonSoFar, locale),
              forecast: money(s.forecast, locale),
            }),
            s.outlook,
          )}
        </Col>
      )}
      <Col xs={12} lg={6}>
        {card(
          'forecast-system',
          t('forecast.cards.forecast'),
          money(s.forecast, locale),
          t('forecast.cards.forecastHint', {
            pipeline: money(s.fromPipeline, locale),
            fresh: money(s.fromNewDeals, locale),
          }),
          s.forecast,
        )}
      </Col>
      {period && (
        <Col xs={12} lg={6}>
          {card(
            'forecast-target',
            t('forecast.cards.target'),
            s.target === null ? '—' : money(s.target, locale),
            s.target === null || s.gap === null ? (
              t('forecast.cards.noTarget')
            ) : (
              <Typography.Text type={s.gap > 0 ? 'danger' : 'success'} style={{ fontSize: 12 }}>
                {s.gap > 0
                  ? t('forecast.cards.gap', { value: money(s.gap, locale) })
                  : t('forecast.cards.above', { value: money(-s.gap, locale) })}
                {s.target > 0 && ` · ${formatPercent(s.outlook / s.target, locale, 0)}`}
              </Typography.Text>
            ),
          )}
        </Col>
      )}
      {period && s.adjusted !== null && (
        <Col xs={12} lg={6}>
          {card(
            'forecast-adjusted',
            t('forecast.cards.adjusted'),
            money(s.adjusted, locale),
            t('forecast.cards.adjustedHint'),
            s.adjusted,
          )}
        </Col>
      )}
      <Col xs={24} lg={period ? 12 : 9}>
        <Card size="small" style={{ height: '100%' }} data-testid="forecast-categories">
          <Tooltip title={t('forecast.cards.categoriesHint')}>
            <Typography.Text type="secondary">{t('forecast.cards.categories')}</Typography.Text>
          </Tooltip>
          <Flex gap={24} wrap style={{ marginTop: 4 }}>
            {(['commit', 'bestCase', 'pipeline'] as const).map((c) => (
              <Statistic key={c} title={t(`forecast.cards.${c}`)} value={money(s.categories[c], locale)} />
            ))}
          </Flex>
          {s.noCloseDate > 0 && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('forecast.cards.noCloseDate', { count: s.noCloseDate })}
            </Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={period ? 12 : 9}>
        {card(
          'forecast-baseline',
          t('forecast.cards.baseline'),
          money(s.baseline, locale),
          t('forecast.cards.baselineHint'),
          s.baseline,
        )}
      </Col>
    </Row>
  );
}
