import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, useShowProblem } from '../../components';
import { type SampleLead, type ScoreRule, useScorePreview, useScoreRules } from './lead-rules.api';
import { ScoreResult } from './ScoreResult';
import { ScoreRuleTable } from './ScoreRuleTable';
import { TryPanel } from './TryPanel';

/** 评分规则: the ordered list, and 试一试 that scores a sample lead under the rules as they stand. */
export function ScoreRulesTab({ onEdit }: { onEdit: (r: ScoreRule) => void }) {
  const { t } = useTranslation();
  const rules = useScoreRules();
  const preview = useScorePreview();
  const showProblem = useShowProblem();
  const [sample, setSample] = useState<SampleLead | null>(null);

  const run = (s: SampleLead) => {
    setSample(s);
    preview.mutate(s, { onError: (e) => showProblem(e) });
  };
  // The rules changed (here or by someone else): the last sample is scored again.
  const { mutate } = preview;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rerun only when the rules change
  useEffect(() => {
    if (sample) mutate(sample);
  }, [rules.dataUpdatedAt]);

  return (
    <>
      <Alert type="info" showIcon title={t('leadRules.score.help')} style={{ marginBottom: 12 }} />
      {rules.isError ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <ScoreRuleTable rules={rules.data ?? []} loading={rules.isPending} onEdit={onEdit} />
      )}
      <TryPanel
        hint={t('leadRules.try.scoreHint')}
        onRun={run}
        running={preview.isPending}
        testId="score-try"
      >
        <ScoreResult result={preview.data} />
      </TryPanel>
    </>
  );
}
