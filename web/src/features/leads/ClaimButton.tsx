import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../app/api-types';
import { useShowProblem } from '../../components';
import { useMoves } from '../pools';
import { useLeadSettings } from './leads.api';

type Props = { lead: Pick<Lead, 'id' | 'name' | 'firstFollowUpAt'>; size?: 'small'; onClaimed?: () => void };

/**
 * 领取 with a confirm that says what it commits the rep to: the org's first-follow-up deadline for a
 * lead never followed up, the cadence otherwise. Refusals (limit, cap, cooldown, someone faster) come
 * from the server, naming the rule.
 */
export function ClaimButton({ lead, size, onClaimed }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useLeadSettings();
  const { claim } = useMoves('lead');
  const showProblem = useShowProblem();
  const onClaim = async () => {
    try {
      await claim.mutateAsync(lead.id);
      void message.success(t('leads.pool.claimed', { name: lead.name }));
      onClaimed?.();
    } catch (e) {
      showProblem(e);
    }
  };
  const hours = settings.data?.firstResponseHours;
  return (
    <Popconfirm
      title={t('leads.pool.claimConfirm', { name: lead.name })}
      description={
        lead.firstFollowUpAt === null && hours
          ? t('leads.pool.claimSla', { hours })
          : t('leads.pool.claimCadence')
      }
      okText={t('leads.pool.claim')}
      onConfirm={() => onClaim()}
      okButtonProps={{ 'data-testid': 'claim-lead-ok' } as ButtonProps}
    >
      <Button
        type="primary"
        ghost={size === 'small'}
        size={size}
        icon={<UserAddOutlined />}
        loading={claim.isPending && claim.variables === lead.id}
        data-testid="claim-lead"
      >
        {t('leads.pool.claim')}
      </Button>
    </Popconfirm>
  );
}
