import { Empty, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent, type Locale } from '../../../app/numbers';
import { usePipelines } from '../../opportunities/opportunities.api';
import { type MetricDefinition, useMetric } from '../../performance/metrics.api';
import { queryOf, type Scope } from '../../performance/scope';

const Funnel = lazy(() => import('./charts').then((m) => ({ default: m.Funnel })));
const StackedBars = lazy(() => import('./charts').then((m) => ({ default: m.StackedBars })));

type Props = {
  def: MetricDefinition;
  scope: Scope;
  height: number;
  onDrill: (stageId: string, stageName: string, pipelineId: string) => void;
};

/** The pipeline a stage widget shows: the filter's, else the org's default. */
export function useStagePipeline(scope: Scope) {
  const pipelines = usePipelines();
  const list = pipelines.data?.data ?? [];
  const pipeline = list.find((p) => p.id === scope.pipelineId) ?? list.find((p) => p.isDefault) ?? list[0];
  return { pipelines, pipeline };
}

/** A stage metric of the widget's pipeline by stage: the pipeline and its rows by stage, once both are in. */
function useByStage(def: MetricDefinition, scope: Scope) {
  const { pipelines, pipeline } = useStagePipeline(scope);
  const result = useMetric(
    { ...queryOf(def, { ...scope, pipelineId: pipeline?.id }), groupBy: ['stage'] },
    useTranslation().i18n.language,
    { enabled: !!pipeline },
  );
  const pending = pipelines.isPending || result.isPending;
  const failed = pipelines.isError || result.isError || (!pending && !pipeline);
  const rows = new Map((result.data?.rows ?? []).map((r) => [r.keys.stage, r]));
  return { pending, failed, pipeline: pipeline!, rows };
}

/** 漏斗: how many times deals entered each stage of the pipeline in the period (输单 left out). */
export function FunnelWidget({ def, scope, height, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { pending, failed, pipeline, rows } = useByStage(def, scope);
  if (pending) return <Skeleton active />;
  if (failed) return <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>;
  const counts = new Map([...rows].map(([stage, r]) => [stage, r.value ?? 0]));
  const stages = pipeline.stages.filter((s) => s.category !== 'closed_lost');
  if (!stages.some((s) => counts.get(s.id)))
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noData')} />;
  return (
    <Suspense fallback={<Skeleton active />}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {pipeline.name}
      </Typography.Text>
      <div data-testid="funnel-chart">
        <Funnel
          steps={stages.map((s) => ({
            name: s.name,
            value: counts.get(s.id) ?? 0,
            note: `${s.name}：${formatNumber(counts.get(s.id) ?? 0, locale, 0)}`,
          }))}
          height={height}
          onClick={(i) => stages[i] && onDrill(stages[i].id, stages[i].name, pipeline.id)}
        />
      </div>
    </Suspense>
  );
}

/** 阶段转化: of the deals that left each open stage in the period, the share that moved on to a later one. */
export function StageConversionWidget({ def, scope, height, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { pending, failed, pipeline, rows } = useByStage(def, scope);
  if (pending) return <Skeleton active />;
  if (failed) return <Typography.Text type="danger">{t('performance.loadFailed')}</Typography.Text>;
  // Closed stages are never left forward; only the open ones convert.
  const stages = pipeline.stages.filter((s) => !s.category.startsWith('closed'));
  if (!stages.some((s) => rows.get(s.id)?.denominator))
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noData')} />;
  return (
    <Suspense fallback={<Skeleton active />}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {pipeline.name}
      </Typography.Text>
      <div data-testid="conversion-chart">
        <StackedBars
          categories={stages.map((s) => {
            const r = rows.get(s.id);
            return r?.denominator ? `${s.name} (${r.numerator}/${r.denominator})` : s.name;
          })}
          series={[{ name: def.name, values: stages.map((s) => rows.get(s.id)?.value ?? 0) }]}
          format={(v) => formatPercent(v, locale)}
          compact={(v) => formatPercent(v, locale, 0)}
          height={height}
          horizontal
          onClick={(i) => stages[i] && onDrill(stages[i].id, stages[i].name, pipeline.id)}
        />
      </div>
    </Suspense>
  );
}
