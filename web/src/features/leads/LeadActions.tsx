import { DeleteOutlined, DownOutlined, EditOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LeadDetail } from '../../app/api-types';
import { useShowProblem } from '../../components';
import { ConvertModal } from './ConvertModal';
import { DisqualifyModal } from './DisqualifyModal';
import { LeadFormDrawer } from './LeadFormDrawer';
import { useLeadMutations } from './leads.api';
import { type EditableStatus, editableStatuses } from './statuses';

type Props = { lead: LeadDetail; onConflict: () => void };

/**
 * What the user may do with a lead, as the server says (myAccess): 转化, edit, 更改状态, 标记无效, delete.
 * A converted lead is read-only; a disqualified one is reopened from its banner. Every write carries
 * the version shown.
 */
export function LeadActions({ lead, onConflict }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [modal, modalHolder] = Modal.useModal();
  const [editing, setEditing] = useState(false);
  const [disqualifying, setDisqualifying] = useState(false);
  const [converting, setConverting] = useState(false);
  const { update, remove } = useLeadMutations();
  const showProblem = useShowProblem();
  const open = lead.status !== 'converted' && lead.status !== 'disqualified';
  const mayUpdate = lead.myAccess.update && lead.status !== 'converted';

  const setStatus = async (status: EditableStatus) => {
    try {
      await update.mutateAsync({ lead, changes: { status } });
      void message.success(t('leads.statusChanged', { status: t(`leads.statuses.${status}`) }));
    } catch (e) {
      showProblem(e, { onConflict });
    }
  };
  const confirmDelete = () =>
    void modal.confirm({
      title: t('leads.deleteConfirm', { name: lead.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove.mutateAsync(lead);
          void message.success(t('leads.deleted'));
          navigate('/leads');
        } catch (e) {
          showProblem(e, { onConflict });
        }
      },
    });

  return (
    <>
      {modalHolder}
      {mayUpdate && open && (
        <Button
          type={lead.myAccess.claim ? 'default' : 'primary'}
          icon={<SwapOutlined />}
          onClick={() => setConverting(true)}
          data-testid="convert-lead"
        >
          {t('leads.convert.action')}
        </Button>
      )}
      {mayUpdate && open && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: editableStatuses
              .filter((s) => s !== lead.status)
              .map((s) => ({ key: s, label: t(`leads.statuses.${s}`), 'data-testid': `set-status-${s}` })),
            onClick: ({ key }) => void setStatus(key as EditableStatus),
          }}
        >
          <Button loading={update.isPending} data-testid="change-status">
            {t('leads.changeStatus')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {mayUpdate && open && (
        <Button icon={<StopOutlined />} onClick={() => setDisqualifying(true)} data-testid="disqualify-lead">
          {t('leads.disqualify.action')}
        </Button>
      )}
      {mayUpdate && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-lead">
          {t('common.edit')}
        </Button>
      )}
      {lead.myAccess.delete && (
        <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="delete-lead">
          {t('common.delete')}
        </Button>
      )}
      <LeadFormDrawer open={editing} leadId={lead.id} onClose={() => setEditing(false)} />
      <ConvertModal
        lead={lead}
        open={converting}
        onClose={() => setConverting(false)}
        onConflict={onConflict}
      />
      <DisqualifyModal
        lead={lead}
        open={disqualifying}
        onClose={() => setDisqualifying(false)}
        onConflict={onConflict}
      />
    </>
  );
}
