import { ExportOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LeadDetail } from '../../app/api-types';
import { useAuth, useMe } from '../../app/auth';
import { ReleaseModal, TransferModal } from '../pools';
import { ClaimButton } from './ClaimButton';

/**
 * 领取 (a lead waiting in a pool), 退回线索池 (with a reason) and 转移 (for those who assign beyond
 * themselves) — only what the server says this viewer may do with this lead.
 */
export function LeadMoves({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'release' | 'transfer' | null>(null);
  const scope = me.isAdmin ? 'all' : me.permissions.lead?.scope;
  // A rep with their own leads only can hand a lead to no one but themselves.
  const mayTransfer = lead.myAccess.release && !!scope && scope !== 'own' && can('user', 'read');
  return (
    <>
      {lead.myAccess.claim && <ClaimButton lead={lead} />}
      {mayTransfer && (
        <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="transfer-lead">
          {t('poolsRep.transfer.action')}
        </Button>
      )}
      {lead.myAccess.release && (
        <Button icon={<ExportOutlined />} onClick={() => setDialog('release')} data-testid="release-lead">
          {t('leads.pool.release.action')}
        </Button>
      )}
      <ReleaseModal
        object="lead"
        ids={[lead.id]}
        open={dialog === 'release'}
        onClose={() => setDialog(null)}
        onDone={() => {
          void message.success(t('leads.pool.released', { count: 1 }));
          // It is no longer the rep's: back to their list.
          navigate('/leads');
        }}
      />
      <TransferModal
        object="lead"
        ids={[lead.id]}
        open={dialog === 'transfer'}
        onClose={() => setDialog(null)}
        onDone={() => void message.success(t('leads.pool.transferred', { count: 1 }))}
      />
    </>
  );
}
