import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, useShowProblem } from '../../components';
import { AssignmentResult } from './AssignmentResult';
import { AssignmentRuleTable } from './AssignmentRuleTable';
import {
  type AssignmentRule,
  type SampleLead,
  useAssignmentPreview,
  useAssignmentRules,
} from './lead-rules.api';
import { TryPanel } from './TryPanel';

/** 分配规则: the ordered list, and 试一试 that routes a sample lead through the rules as they stand. */
export function AssignmentRulesTab({ onEdit }: { onEdit: (r: AssignmentRule) => void }) {
  const { t } = useTranslation();
  const rules = useAssignmentRules();
  const preview = useAssignmentPreview();
  const showProblem = useShowProblem();
  const [sample, setSample] = useState<SampleLead | null>(null);

  const run = (s: SampleLead) => {
    setSample(s);
    preview.mutate(s, { onError: (e) => showProblem(e) });
  };
  // The rules changed (here or by someone else): the last sample is routed again.
  const { mutate } = preview;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rerun only when the rules change
  useEffect(() => {
    if (sample) mutate(sample);
  }, [rules.dataUpdatedAt]);

  return (
    <>
      <Alert type="info" showIcon title={t('leadRules.assignment.help')} style={{ marginBottom: 12 }} />
      {rules.isError ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <AssignmentRuleTable rules={rules.data ?? []} loading={rules.isPending} onEdit={onEdit} />
      )}
      <TryPanel
        hint={t('leadRules.try.assignmentHint')}
        onRun={run}
        running={preview.isPending}
        testId="assignment-try"
      >
        <AssignmentResult result={preview.data} />
      </TryPanel>
    </>
  );
}
