import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Button, Card, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { downloadFile } from '../imports';
import { InsightsCard } from '../insights';
import { AdoptionTable } from '../performance/AdoptionTable';
import type { Drill } from '../performance/DrillDrawer';
import { KpiCard } from '../performance/KpiCard';
import { Leaderboard } from '../performance/Leaderboard';
import type { MetricDefinition } from '../performance/metrics.api';
import { drillOf, granularityOf, ignoresPipeline, type Scope } from '../performance/scope';
import { TargetGauge } from '../targets/TargetGauge';
import type { Widget } from './dashboards.api';
import { BarsWidget } from './widgets/BarsWidget';
import { exportBody } from './widgets/exports';
import { ForecastTarget } from './widgets/ForecastTarget';
import { SourceTable } from './widgets/SourceTable';
import { FunnelWidget, StageConversionWidget, useStagePipeline } from './widgets/StageWidgets';
import { TrendWidget } from './widgets/TrendWidget';

type Props = {
  widget: Widget;
  scope: Scope;
  defs: Map<string, MetricDefinition>;
  phone: boolean;
  /** Whether the reader may see targets, insights and the forecast (the widgets say so otherwise). */
  can: (object: string) => boolean;
  onDrill: (drill: Drill) => void;
};

/** The name a widget goes by: its own title, else its metric's, else its kind's. */
export function widgetTitle(
  w: Widget,
  defs: Map<string, MetricDefinition>,
  t: (k: string, o?: object) => string,
) {
  if (w.title) return w.title;
  if ('metric' in w) {
    const name = defs.get(w.metric)?.name ?? w.metric;
    if (w.type === 'trend') return t('performance.trend', { metric: name });
    if (w.type === 'bars')
      return t('dashboards.barsTitle', { metric: name, by: t(`dashboards.dimensions.${w.groupBy}`) });
    return name;
  }
  return t(`dashboards.types.${w.type}`);
}

/** One widget of a dashboard: its figures under the dashboard's filters, each number opening its records. */
export function WidgetView({ widget: w, scope, defs, phone, can, onDrill }: Props) {
  const { t } = useTranslation();
  const showProblem = useShowProblem();
  const [exporting, setExporting] = useState(false);
  const { pipeline } = useStagePipeline(scope);
  const title = widgetTitle(w, defs, t as never);
  const height = phone ? 220 : 280;
  const drill = (def: MetricDefinition, what: string, body: Drill['body']) =>
    onDrill({ def, title: t('performance.drill.of', { metric: def.name, what }), body });
  const periodName = t(`dashboards.periods.${scope.period}`);
  const def = 'metric' in w ? defs.get(w.metric) : undefined;
  const stageScope = { ...scope, pipelineId: pipeline?.id };
  const unknownMetric = 'metric' in w && !def;

  if (unknownMetric)
    return (
      <Card size="small" title={title} style={{ height: '100%' }}>
        <Typography.Text type="secondary">{t('dashboards.metricGone', { metric: w.metric })}</Typography.Text>
      </Card>
    );
  if (w.type === 'kpi' && def) {
    const parts = def.ratio
      ? ([defs.get(def.ratio.numerator)!, defs.get(def.ratio.denominator)!] as [
          MetricDefinition,
          MetricDefinition,
        ])
      : undefined;
    return (
      <KpiCard
        def={def}
        scope={scope}
        parts={parts}
        onDrill={() => drill(def, periodName, drillOf(def, scope, {}))}
      />
    );
  }
  if (w.type === 'gauge' && def)
    return can('target') ? (
      <TargetGauge def={def} period={scope.period} departmentId={scope.departmentId} />
    ) : (
      <NotAllowed title={title} />
    );
  if (w.type === 'insights') return can('insight') ? <InsightsCard /> : <NotAllowed title={title} />;

  let body: ReactNode = null;
  let bodyPadding = true;
  switch (w.type) {
    case 'trend':
      body = def && (
        <TrendWidget
          def={def}
          scope={scope}
          height={height}
          onDrill={(bucket) =>
            drill(def, bucket, drillOf(def, scope, { period: bucket }, granularityOf(scope.period)))
          }
        />
      );
      break;
    case 'bars':
      body = def && (
        <BarsWidget
          def={def}
          scope={scope}
          groupBy={w.groupBy}
          stackBy={w.stackBy}
          height={height}
          onDrill={(keys, label) => drill(def, label, drillOf(def, scope, keys, granularityOf(scope.period)))}
        />
      );
      break;
    case 'leaderboard':
      bodyPadding = false;
      body = (
        <Leaderboard
          scope={scope}
          defs={defs}
          onDrill={(metric, rep, name) =>
            drill(defs.get(metric)!, name, drillOf(defs.get(metric)!, scope, { rep }))
          }
        />
      );
      break;
    case 'adoption':
      bodyPadding = false;
      body = (
        <AdoptionTable
          scope={scope}
          defs={defs}
          onDrill={(metric, rep, name) =>
            drill(defs.get(metric)!, name, drillOf(defs.get(metric)!, scope, { rep }))
          }
        />
      );
      break;
    case 'funnel':
    case 'stage_conversion': {
      const metric = defs.get(w.type === 'funnel' ? 'stage_entries' : 'stage_conversion_rate');
      const Chart = w.type === 'funnel' ? FunnelWidget : StageConversionWidget;
      body = metric && (
        <Chart
          def={metric}
          scope={scope}
          height={height}
          onDrill={(stage, name, pipelineId) =>
            drill(metric, name, drillOf(metric, { ...scope, pipelineId }, { stage }))
          }
        />
      );
      break;
    }
    case 'source_table':
      bodyPadding = false;
      body = (
        <SourceTable
          dimension={w.dimension ?? 'source'}
          scope={scope}
          defs={defs}
          onDrill={(metric, value, label) =>
            drill(
              defs.get(metric)!,
              label,
              drillOf(defs.get(metric)!, scope, { [w.dimension ?? 'source']: value }),
            )
          }
        />
      );
      break;
    case 'forecast_target':
      body = can('forecast') ? (
        <ForecastTarget horizon={w.horizon ?? 'month'} scope={scope} />
      ) : (
        <Typography.Text type="secondary">{t('dashboards.notAllowed')}</Typography.Text>
      );
      break;
  }
  const exported = exportBody(
    w,
    title,
    w.type === 'funnel' || w.type === 'stage_conversion' ? stageScope : scope,
    defs,
  );
  const pipelineNote = def && ignoresPipeline(def, scope);
  return (
    <Card
      size="small"
      title={
        <span>
          {title}
          {pipelineNote && (
            <Tooltip title={t('dashboards.pipelineIgnored')}>
              <InfoCircleOutlined style={{ marginInlineStart: 6, color: 'rgba(0,0,0,0.35)', fontSize: 12 }} />
            </Tooltip>
          )}
        </span>
      }
      extra={
        exported && (
          <Tooltip title={t('dashboards.export')}>
            <Button
              type="text"
              size="small"
              icon={<DownloadOutlined />}
              loading={exporting}
              aria-label={t('dashboards.export')}
              onClick={() => {
                setExporting(true);
                downloadFile('/api/v1/metrics/table/export', `${title}.xlsx`, exported)
                  .catch(showProblem)
                  .finally(() => setExporting(false));
              }}
              data-testid="widget-export"
            />
          </Tooltip>
        )
      }
      style={{ height: '100%' }}
      styles={bodyPadding ? undefined : { body: { padding: 0 } }}
      data-testid={`widget-${w.type}`}
    >
      {body}
    </Card>
  );
}

function NotAllowed({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Typography.Text type="secondary">{t('dashboards.notAllowed')}</Typography.Text>
    </Card>
  );
}
