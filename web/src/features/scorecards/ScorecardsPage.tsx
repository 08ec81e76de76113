import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Segmented, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, PageSpinner, useIsPhone } from '../../components';
import { ExportButton } from '../imports/ExportButton';
import { useDepartments } from '../org/departments/departments.api';
import { useMetricDefinitions } from '../performance/metrics.api';
import { firstDayOf, keyOf, periodLabel } from '../targets/periods';
import { HistoryTable } from './HistoryTable';
import { ScorecardForm } from './ScorecardForm';
import { ScoreTable } from './ScoreTable';
import { type Scorecard, useScorecards, useScoreHistory, useScores } from './scorecards.api';

const today = () => dayjs().format('YYYY-MM-DD');

/** 绩效考核: a 考核方案's scores and ranking for a period, each score with its breakdown; the 方案 editor. */
export function ScorecardsPage() {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const { can } = useAuth();
  const cards = useScorecards(i18n.language);
  const definitions = useMetricDefinitions(i18n.language);
  const departments = useDepartments();
  const [chosen, setChosen] = useState<string>();
  const [period, setPeriod] = useState<string>();
  const [editing, setEditing] = useState<Scorecard | 'new' | null>(null);
  const card = cards.data?.find((c) => c.id === chosen) ?? cards.data?.[0];
  const shown =
    period && card && keyOf(firstDayOf(period), card.granularity) === period
      ? period
      : card && keyOf(today(), card.granularity);
  const [view, setView] = useState<'ranking' | 'history'>('ranking');
  const scores = useScores(card?.id, shown ?? '', i18n.language);
  const history = useScoreHistory(card?.id, shown ?? '', phone ? 3 : 6, i18n.language, view === 'history');

  if (cards.isPending || definitions.isPending) return <PageSpinner />;
  if (cards.isError) return <LoadError error={cards.error} onRetry={() => void cards.refetch()} />;
  if (definitions.isError)
    return <LoadError error={definitions.error} onRetry={() => void definitions.refetch()} />;
  const scorable = definitions.data.data.filter((d) => !d.snapshot && d.dimensions.includes('rep'));
  const top = departments.data?.find((d) => d.parentId === null)?.id;
  const writer = can('scorecard', 'create') || can('scorecard', 'update');

  return (
    <>
      <PageHeader
        title={t('scorecards.title')}
        subtitle={t('scorecards.subtitle')}
        extra={
          writer && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="scorecard-new">
              {t('scorecards.new')}
            </Button>
          )
        }
      />
      {!card ? (
        <Card>
          <Empty description={t('scorecards.none')} />
        </Card>
      ) : (
        <>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Select
              value={card.id}
              onChange={(id) => {
                setChosen(id);
                setPeriod(undefined);
              }}
              options={cards.data.map((c) => ({ value: c.id, label: c.name }))}
              style={{ width: phone ? '100%' : 220 }}
              aria-label={t('scorecards.choose')}
              data-testid="scorecard-select"
            />
            <DatePicker
              picker={card.granularity}
              allowClear={false}
              value={dayjs(firstDayOf(shown!))}
              onChange={(d) => d && setPeriod(keyOf(d.format('YYYY-MM-DD'), card.granularity))}
              format={() => periodLabel(shown!, t)}
              style={{ width: 170 }}
              data-testid="scorecard-period"
            />
            <Segmented<'ranking' | 'history'>
              value={view}
              onChange={setView}
              options={[
                { value: 'ranking', label: t('scorecards.history.ranking') },
                { value: 'history', label: t('scorecards.history.title') },
              ]}
              data-testid="scorecard-view"
            />
            {writer && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(card)} data-testid="scorecard-edit">
                {t('scorecards.edit')}
              </Button>
            )}
            {can('scorecard', 'export') && (
              <ExportButton
                to={{
                  url: `/api/v1/scorecards/${card.id}/scores/export`,
                  file: `${card.name}-${shown}`,
                  testId: 'scorecard-export',
                }}
                filters={{ period: shown }}
              />
            )}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="scorecard-summary">
            {t('scorecards.summary', {
              department: card.departmentName,
              subject: t(`scorecards.subject.${card.subject}`),
              result: card.weights.result,
              process: card.weights.process,
              customer: card.weights.customer,
              scored: scores.data?.scored ?? 0,
            })}
          </Typography.Paragraph>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            {view === 'history' ? (
              history.isError ? (
                <LoadError error={history.error} onRetry={() => void history.refetch()} />
              ) : !history.data ? (
                <PageSpinner />
              ) : (
                <HistoryTable
                  history={history.data}
                  loading={history.isFetching && history.isPlaceholderData}
                  onOpen={(p) => {
                    setPeriod(p);
                    setView('ranking');
                  }}
                />
              )
            ) : scores.isError ? (
              <LoadError error={scores.error} onRetry={() => void scores.refetch()} />
            ) : !scores.data ? (
              <PageSpinner />
            ) : (
              <ScoreTable scores={scores.data} loading={scores.isFetching && scores.isPlaceholderData} />
            )}
          </Card>
        </>
      )}
      {editing && (
        <ScorecardForm
          editing={editing === 'new' ? null : editing}
          metrics={scorable}
          topDepartmentId={top}
          onClose={(saved) => {
            if (saved && saved.id !== card?.id) {
              // Another 方案 opens on the current period, as choosing it does.
              setChosen(saved.id);
              setPeriod(undefined);
            }
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
