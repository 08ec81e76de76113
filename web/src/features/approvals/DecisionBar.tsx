import { App, Button, Flex, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone, useShowProblem } from '../../components';
import { type ApprovalDetail, type Decision, useDecide } from './approvals.api';
import { DecisionModal } from './DecisionModal';

const done: Record<Decision, 'approved' | 'rejected' | 'withdrawn' | 'resubmitted'> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
  resubmit: 'resubmitted',
};

/**
 * What the viewer may do now (the server says which): 驳回 and 同意 for an approver of the current step,
 * 撤回 for the submitter while pending, 重新提交 after a rejection. On a phone the buttons are big and
 * stay at the bottom of the screen.
 */
export function DecisionBar({ approval: a }: { approval: ApprovalDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const showProblem = useShowProblem();
  const decide = useDecide(a.id);
  const [asking, setAsking] = useState<Exclude<Decision, 'withdraw'> | null>(null);
  const { mine } = a;
  if (!mine.decide && !mine.withdraw && !mine.resubmit) return null;

  const run = (decision: Decision, comment?: string) =>
    decide.mutate(
      { decision, comment },
      {
        onSuccess: () => {
          setAsking(null);
          void message.success(t(`approvals.${done[decision]}`));
        },
        onError: (e) => {
          setAsking(null);
          showProblem(e);
        },
      },
    );
  const size = phone ? 'large' : 'middle';
  const grow = phone ? { flex: 1 } : undefined;

  return (
    <>
      <Flex
        gap={8}
        justify={phone ? 'stretch' : 'end'}
        style={
          phone
            ? {
                position: 'sticky',
                bottom: 0,
                zIndex: 5,
                margin: '0 -12px -12px',
                padding: 12,
                background: '#fff',
                borderTop: '1px solid #f0f0f0',
              }
            : undefined
        }
        data-testid="decision-bar"
      >
        {mine.withdraw && (
          <Popconfirm title={t('approvals.confirmWithdraw')} onConfirm={() => run('withdraw')}>
            <Button size={size} style={grow} loading={decide.isPending} data-testid="approval-withdraw">
              {t('approvals.actions.withdraw')}
            </Button>
          </Popconfirm>
        )}
        {mine.resubmit && (
          <Button
            type="primary"
            size={size}
            style={grow}
            onClick={() => setAsking('resubmit')}
            data-testid="approval-resubmit"
          >
            {t('approvals.actions.resubmit')}
          </Button>
        )}
        {mine.decide && (
          <>
            <Button
              danger
              size={size}
              style={grow}
              onClick={() => setAsking('reject')}
              data-testid="approval-reject"
            >
              {t('approvals.actions.reject')}
            </Button>
            <Button
              type="primary"
              size={size}
              style={grow}
              onClick={() => setAsking('approve')}
              data-testid="approval-approve"
            >
              {t('approvals.actions.approve')}
            </Button>
          </>
        )}
      </Flex>
      {asking && (
        <DecisionModal
          decision={asking}
          record={a.recordName}
          submitting={decide.isPending}
          onSubmit={(comment) => run(asking, comment)}
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
}
