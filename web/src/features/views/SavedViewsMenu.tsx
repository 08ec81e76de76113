import { DeleteOutlined, DownOutlined, SaveOutlined, ShareAltOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Dropdown, Form, Input, List, Modal, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../../components';
import {
  type SavedView,
  useSavedViewMutations,
  useSavedViews,
  type ViewObject,
  type ViewState,
} from './views.api';

type Props = {
  /** Which list (default: customers). */
  object?: ViewObject;
  /** What the list shows now, to save under a name. */
  current: ViewState;
  onApply: (view: SavedView) => void;
  active?: string;
};

/** 我的视图: pick a saved filter set, save the current one (for me or the whole team), manage mine. */
export function SavedViewsMenu({ object = 'customer', current, onApply, active }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const views = useSavedViews(object);
  const { create, update, remove } = useSavedViewMutations(object);
  const showProblem = useShowProblem();
  const [saving, setSaving] = useState(false);
  const [managing, setManaging] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const list = views.data?.data ?? [];
  const chosen = list.find((v) => v.id === active);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const created = await create.mutateAsync({ name: v.name, shared: !!v.shared, state: current });
      void message.success(t('views.saved', { name: created.name }));
      setSaving(false);
      form.resetFields();
      onApply(created);
    } catch (e) {
      showProblem(e, { form });
    }
  };

  const items = [
    ...list.map((v) => ({
      key: v.id,
      label: (
        <span>
          {v.name}{' '}
          {v.shared && (
            <Tag style={{ marginInlineStart: 4 }}>{v.mine ? t('views.sharedTag') : v.ownerName}</Tag>
          )}
        </span>
      ),
    })),
    ...(list.length ? [{ type: 'divider' as const }] : []),
    { key: '__save', icon: <SaveOutlined />, label: t('views.saveCurrent') },
    ...(list.some((v) => v.mine)
      ? [{ key: '__manage', icon: <ShareAltOutlined />, label: t('views.manage') }]
      : []),
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          selectedKeys: active ? [active] : [],
          onClick: ({ key }) => {
            if (key === '__save') setSaving(true);
            else if (key === '__manage') setManaging(true);
            else {
              const v = list.find((x) => x.id === key);
              if (v) onApply(v);
            }
          },
        }}
      >
        <Button data-testid="saved-views">
          {chosen ? chosen.name : t('views.title')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={saving}
        title={t('views.saveCurrent')}
        onOk={() => void save()}
        confirmLoading={create.isPending}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label={t('views.name')}
            rules={[{ required: true, whitespace: true, max: 40, message: t('views.nameRequired') }]}
          >
            <Input maxLength={40} data-testid="view-name" />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t('views.shareWithTeam')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={managing} title={t('views.manage')} footer={null} onCancel={() => setManaging(false)}>
        <List
          dataSource={list.filter((v) => v.mine)}
          renderItem={(v) => (
            <List.Item
              actions={[
                <Switch
                  key="share"
                  size="small"
                  checked={v.shared}
                  checkedChildren={t('views.sharedTag')}
                  unCheckedChildren={t('views.privateTag')}
                  onChange={(shared) =>
                    void update.mutateAsync({ view: v, changes: { shared } }).catch((e) => showProblem(e))
                  }
                />,
                <Button
                  key="delete"
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => void remove.mutateAsync(v).catch((e) => showProblem(e))}
                />,
              ]}
            >
              {v.name}
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
