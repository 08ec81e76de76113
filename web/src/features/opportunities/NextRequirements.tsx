import { CheckCircleFilled, ExclamationCircleOutlined } from '@ant-design/icons';
import { App, Checkbox, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { useAttachments } from '../attachments/attachments.api';
import { type OpportunityDetail, type Stage, useOpportunityMutations } from './opportunities.api';
import { fieldName } from './words';

/** Whether the deal shows a value for a field a gate names (`amount` means more than 0). */
function filled(deal: OpportunityDetail, field: string): boolean {
  if (field === 'amount') return deal.amount > 0;
  if (field === 'contacts') return deal.contacts.length > 0;
  const v = field.startsWith('custom.')
    ? deal.custom[field.slice(7)]
    : (deal as Record<string, unknown>)[field];
  return (
    v !== null && v !== undefined && !(typeof v === 'string' && !v.trim()) && !(Array.isArray(v) && !v.length)
  );
}

function Line({ met, children, testId }: { met: boolean; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="start" data-testid={testId} data-met={met}>
      {met ? (
        <CheckCircleFilled
          style={{ color: '#52c41a', marginTop: 4 }}
          aria-label={t('opportunities.requirements.done')}
        />
      ) : (
        <ExclamationCircleOutlined
          style={{ color: '#faad14', marginTop: 4 }}
          aria-label={t('opportunities.requirements.todo')}
        />
      )}
      <div style={{ minWidth: 0, wordBreak: 'break-word' }}>{children}</div>
    </Flex>
  );
}

/**
 * 下一阶段要求: what entering `next` asks, each shown as met or not from the deal as loaded; checklist
 * items are ticked here. The move itself is checked by the server (the gate dialog shows its answer).
 */
export function NextRequirements({ deal, next }: { deal: OpportunityDetail; next: Stage }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { tick } = useOpportunityMutations();
  const showProblem = useShowProblem();
  const files = useAttachments('opportunity', deal.id);
  const kinds = new Set((files.data?.pages ?? []).flatMap((p) => p.data.map((a) => a.kind)));
  const g = next.gates;
  const ticked = new Set(deal.checklist[next.id] ?? []);
  const none = !g.fields.length && !g.attachments.length && !g.checklist.length && !g.followUp;
  if (none)
    return (
      <Typography.Text type="secondary">
        {t('opportunities.requirements.none', { stage: next.name })}
      </Typography.Text>
    );
  const toggle = async (itemId: string, done: boolean) => {
    try {
      await tick.mutateAsync({ deal, stageId: next.id, itemId, done });
      void message.success(t('common.saved'));
    } catch (e) {
      showProblem(e);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="next-requirements">
      <Typography.Text type="secondary">
        {t('opportunities.requirements.next', { stage: next.name })}
      </Typography.Text>
      {g.fields.map((f) => (
        <Line key={f} met={filled(deal, f)} testId="requirement">
          {fieldName(t, f)}
        </Line>
      ))}
      {g.attachments.map((a) => (
        <Line key={a.kind} met={kinds.has(a.kind)} testId="requirement">
          {a.label}
        </Line>
      ))}
      {g.checklist.map((i) => (
        <Line key={i.id} met={ticked.has(i.id)} testId="requirement">
          <Checkbox
            checked={ticked.has(i.id)}
            disabled={!deal.myAccess.update || tick.isPending}
            onChange={(e) => void toggle(i.id, e.target.checked)}
            data-testid={`requirement-check-${i.id}`}
          >
            {i.label}
          </Checkbox>
        </Line>
      ))}
      {g.followUp && (
        <Line met={!!deal.lastFollowUpAt && deal.lastFollowUpAt >= deal.stageEnteredAt} testId="requirement">
          {t('opportunities.gate.followUpMissing')}
        </Line>
      )}
    </Flex>
  );
}
