import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Flex, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../app/api-types';
import { useAuth } from '../../../app/auth';
import { ApiProblem } from '../../../app/problem';
import { useShowProblem } from '../../../components';
import { HandoverModal, type HandoverMode } from './HandoverModal';
import { fetchPreview, ownedTotal } from './handover.api';
import { absoluteUrl, useUserMutations } from './users.api';

type Props = { user: User; onEdit: (u: User) => void; onInvitation: (url: string) => void };

/** 编辑 · 交接客户 · 停用/启用 · 重新发送邀请 for one user row. */
export function UserRowActions({ user, onEdit, onInvitation }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [modal, modalHolder] = Modal.useModal();
  const [handover, setHandover] = useState<HandoverMode | null>(null);
  const [checking, setChecking] = useState(false);
  const { update, invite } = useUserMutations();
  const showProblem = useShowProblem();
  const mayHandOver = can('customer', 'update');

  const confirmToggle = (active: boolean) =>
    void modal.confirm({
      title: t(active ? 'users.reactivateConfirm' : 'users.deactivateConfirm', { name: user.name }),
      okButtonProps: { danger: !active },
      onOk: async () => {
        try {
          await update.mutateAsync({ user, changes: { active } });
          void message.success(t(active ? 'users.reactivated' : 'users.deactivated'));
        } catch (e) {
          // Someone gave them a customer meanwhile: hand over first.
          if (e instanceof ApiProblem && e.code === 'handover_required') setHandover('deactivate');
          else showProblem(e);
        }
      },
    });

  // Nobody leaves with customers in their name: look first, and ask where they go if there are any.
  const deactivate = async () => {
    setChecking(true);
    try {
      const owned = await fetchPreview(user.id);
      if (ownedTotal(owned) > 0) setHandover('deactivate');
      else confirmToggle(false);
    } catch (e) {
      showProblem(e);
    } finally {
      setChecking(false);
    }
  };
  const reinvite = async () => {
    try {
      const res = await invite.mutateAsync(user);
      onInvitation(absoluteUrl(res.invitationUrl));
    } catch (e) {
      showProblem(e);
    }
  };

  const onMenu = (key: string) => {
    if (key === 'reinvite') void reinvite();
    else if (key === 'handover') setHandover('transfer');
    else if (key === 'deactivate') void deactivate();
    else confirmToggle(true);
  };

  return (
    <Flex gap={4}>
      {modalHolder}
      <Button type="link" size="small" onClick={() => onEdit(user)}>
        {t('common.edit')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...(mayHandOver ? [{ key: 'handover', label: t('handover.action') }] : []),
            user.active
              ? { key: 'deactivate', label: t('users.deactivate'), danger: true }
              : { key: 'reactivate', label: t('users.reactivate') },
            { key: 'reinvite', label: t('users.reinvite'), disabled: !user.active },
          ],
          onClick: ({ key }) => onMenu(key),
        }}
      >
        <Button type="link" size="small" loading={checking} data-testid="user-more">
          {t('common.more')} <DownOutlined />
        </Button>
      </Dropdown>
      {handover && <HandoverModal user={user} mode={handover} onClose={() => setHandover(null)} />}
    </Flex>
  );
}
