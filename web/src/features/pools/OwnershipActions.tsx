import { ExportOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../app/api-types';
import { useShowProblem } from '../../components';
import { useCustomerMoves } from './pools.api';
import { ReleaseModal } from './ReleaseModal';
import { TransferModal } from './TransferModal';

/** The 360 page's 领取 / 退回公海 / 转移 buttons — only those the viewer may use on this customer. */
export function OwnershipActions({ customer: c }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'release' | 'transfer' | null>(null);
  const { claim } = useCustomerMoves();
  const showProblem = useShowProblem();
  const onClaim = async () => {
    try {
      await claim.mutateAsync(c.id);
      void message.success(t('poolsRep.claimed', { name: c.name }));
    } catch (e) {
      showProblem(e);
    }
  };
  return (
    <>
      {c.myAccess.claim && (
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          loading={claim.isPending}
          onClick={() => void onClaim()}
          data-testid="claim-customer"
        >
          {t('poolsRep.claim')}
        </Button>
      )}
      {c.myAccess.release && (
        <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="transfer-customer">
          {t('poolsRep.transfer.action')}
        </Button>
      )}
      {c.myAccess.release && (
        <Button icon={<ExportOutlined />} onClick={() => setDialog('release')} data-testid="release-customer">
          {t('poolsRep.release.action')}
        </Button>
      )}
      <ReleaseModal
        ids={[c.id]}
        open={dialog === 'release'}
        onClose={() => setDialog(null)}
        onDone={() => void message.success(t('poolsRep.released', { count: 1 }))}
      />
      <TransferModal
        ids={[c.id]}
        open={dialog === 'transfer'}
        onClose={() => setDialog(null)}
        onDone={() => void message.success(t('poolsRep.transferred', { count: 1 }))}
      />
    </>
  );
}
