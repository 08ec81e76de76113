import { App } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import { GateDialog } from './GateDialog';
import { LostReasonModal } from './LostReasonModal';
import {
  type MissingItem,
  type MoveBody,
  missingOf,
  type Opportunity,
  type Stage,
  useOpportunity,
  useOpportunityMutations,
} from './opportunities.api';
import { isLostStage } from './words';

type Pending = {
  deal: Pick<Opportunity, 'id' | 'name' | 'version'>;
  target: Stage;
  missing?: MissingItem[];
  /** Each refusal opens the dialog afresh (its fixed marks belong to the previous answer). */
  attempt?: number;
};

/**
 * One way to move a deal, from the board, the list and the deal's page: into a lost stage it asks the
 * 输单原因; when the server refuses for unmet gates it opens the gate dialog (fix in place, move again,
 * or skip with a reason); a stage that needs approval sends the request (the deal waits in its stage).
 * `dialogs` must be rendered by the caller.
 */
export function useStageMove(): {
  request: (deal: Pending['deal'], target: Stage) => void;
  dialogs: ReactNode;
  moving: boolean;
} {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const { move } = useOpportunityMutations();
  const [pending, setPending] = useState<Pending | null>(null);
  const [asking, setAsking] = useState<'lost' | 'gate' | null>(null);
  const fresh = useOpportunity(asking === 'gate' ? pending?.deal.id : undefined);

  const close = () => {
    setPending(null);
    setAsking(null);
  };
  const send = async (p: Pending, body: Omit<MoveBody, 'stageId'>, version = p.deal.version) => {
    try {
      const done = await move.mutateAsync({
        deal: { id: p.deal.id, version },
        body: { stageId: p.target.id, ...body },
      });
      // 202: the stage needs approval — the deal stays where it is until the request is approved.
      if ('approval' in done && done.approval)
        void message.info(t('opportunities.approval.sent', { stage: p.target.name }));
      else void message.success(t('opportunities.moved', { stage: p.target.name }));
      close();
    } catch (e) {
      const missing = missingOf(e);
      if (missing) {
        setPending({ ...p, missing, attempt: (p.attempt ?? 0) + 1 });
        setAsking('gate');
      } else showProblem(e);
    }
  };
  const request = (deal: Pending['deal'], target: Stage) => {
    const p = { deal, target };
    setPending(p);
    if (isLostStage(target)) setAsking('lost');
    else void send(p, {});
  };
  // Fixes change the deal's version: move again with the one just read.
  const latest = async () => (await fresh.refetch()).data?.version ?? pending?.deal.version;

  const dialogs =
    pending && asking === 'lost' ? (
      <LostReasonModal
        dealName={pending.deal.name}
        busy={move.isPending}
        onClose={close}
        onSubmit={(lostReason) => send(pending, { lostReason })}
      />
    ) : pending?.missing && asking === 'gate' ? (
      <GateDialog
        key={pending.attempt}
        dealId={pending.deal.id}
        target={pending.target}
        missing={pending.missing}
        busy={move.isPending}
        onClose={close}
        onRetry={async () => send(pending, {}, await latest())}
        onOverride={async (reason) => send(pending, { overrideGates: true, reason }, await latest())}
      />
    ) : null;
  return { request, dialogs, moving: move.isPending };
}
