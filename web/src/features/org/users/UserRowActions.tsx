import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Flex, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../app/api-types';
import { useShowProblem } from '../../../components';
import { absoluteUrl, useUserMutations } from './users.api';

type Props = { user: User; onEdit: (u: User) => void; onInvitation: (url: string) => void };

/** 编辑 · 停用/启用 · 重新发送邀请 for one user row. */
export function UserRowActions({ user, onEdit, onInvitation }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [modal, modalHolder] = Modal.useModal();
  const { update, invite } = useUserMutations();
  const showProblem = useShowProblem();

  const toggleActive = () => {
    const active = !user.active;
    void modal.confirm({
      title: t(active ? 'users.reactivateConfirm' : 'users.deactivateConfirm', { name: user.name }),
      okButtonProps: { danger: !active },
      onOk: async () => {
        try {
          await update.mutateAsync({ user, changes: { active } });
          void message.success(t(active ? 'users.reactivated' : 'users.deactivated'));
        } catch (e) {
          showProblem(e);
        }
      },
    });
  };
  const reinvite = async () => {
    try {
      const res = await invite.mutateAsync(user);
      onInvitation(absoluteUrl(res.invitationUrl));
    } catch (e) {
      showProblem(e);
    }
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
            user.active
              ? { key: 'deactivate', label: t('users.deactivate'), danger: true }
              : { key: 'reactivate', label: t('users.reactivate') },
            { key: 'reinvite', label: t('users.reinvite'), disabled: !user.active },
          ],
          onClick: ({ key }) => (key === 'reinvite' ? void reinvite() : toggleActive()),
        }}
      >
        <Button type="link" size="small">
          {t('common.more')} <DownOutlined />
        </Button>
      </Dropdown>
    </Flex>
  );
}
