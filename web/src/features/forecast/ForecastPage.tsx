import { Card, Flex, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { DepartmentSelect, PipelineSelect } from '../performance/ScopeSelects';
import { periodLabel } from '../targets/periods';
import { AdjustDrawer } from './AdjustDrawer';
import { BacktestCard } from './BacktestCard';
import { DealTable } from './DealTable';
import { type Filters, type ForecastRep, type Horizon, useForecast } from './forecast.api';
import { RepTable } from './RepTable';
import { SummaryCards } from './SummaryCards';

const horizons: Horizon[] = ['month', 'quarter', '30d', '90d'];

/** 成交预测: what the window will bring, why (deal by deal), what managers think, and how right it has been. */
export function ForecastPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { can } = useAuth();
  const [horizon, setHorizon] = useState<Horizon>('month');
  const [filters, setFilters] = useState<Filters>({});
  const [adjusting, setAdjusting] = useState<ForecastRep | null>(null);
  const forecast = useForecast(horizon, filters);
  const byDepartment = can('department', 'read');

  if (forecast.isPending && !forecast.data) return <PageSpinner />;
  if (forecast.isError && !forecast.data)
    return <LoadError error={forecast.error} onRetry={() => void forecast.refetch()} />;
  const data = forecast.data!;
  const loading = forecast.isFetching && forecast.isPlaceholderData;
  const periodName = data.period ? periodLabel(data.period, t) : '';
  return (
    <>
      <PageHeader title={t('forecast.title')} subtitle={t('forecast.subtitle')} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<Horizon>
          value={horizon}
          onChange={setHorizon}
          options={horizons.map((h) => ({ value: h, label: t(`forecast.horizons.${h}`) }))}
          size={phone ? 'small' : 'middle'}
          block={phone}
          style={phone ? { width: '100%' } : undefined}
          data-testid="forecast-horizon"
        />
        <PipelineSelect
          value={filters.pipelineId}
          onChange={(pipelineId) => setFilters({ ...filters, pipelineId })}
          style={{ width: phone ? '100%' : 180 }}
          testId="forecast-pipeline"
        />
        {byDepartment && (
          <DepartmentSelect
            value={filters.departmentId}
            onChange={(departmentId) => setFilters({ ...filters, departmentId })}
            style={{ width: phone ? '100%' : 180 }}
            testId="forecast-department"
          />
        )}
        <Typography.Text type="secondary" data-testid="forecast-window">
          {data.period ? `${periodName} · ` : ''}
          {t('forecast.window', { from: data.window.firstDay, to: data.window.lastDay })}
        </Typography.Text>
      </Flex>
      <SummaryCards data={data} />
      <Card
        size="small"
        title={t('forecast.reps.title')}
        style={{ marginBottom: 16 }}
        styles={{ body: { padding: 0 } }}
      >
        <RepTable data={data} onAdjust={setAdjusting} loading={loading} />
      </Card>
      <BacktestCard filters={filters} />
      <Card size="small" title={t('forecast.deals.title')} styles={{ body: { padding: 0 } }}>
        <DealTable deals={data.deals} loading={loading} />
      </Card>
      {adjusting && data.period && (
        <AdjustDrawer
          rep={adjusting}
          period={data.period}
          periodName={periodName}
          onClose={() => setAdjusting(null)}
        />
      )}
    </>
  );
}
