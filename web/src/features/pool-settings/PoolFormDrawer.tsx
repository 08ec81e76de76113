import { App, Col, Divider, Form, Input, InputNumber, Row, Switch, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useShowProblem } from '../../components';
import { blankPool, type PoolValues, poolBodyOf, poolValuesOf } from './form-values';
import { LimitInput } from './LimitInput';
import { MembersEditor } from './MembersEditor';
import { OverridesEditor } from './OverridesEditor';
import { type Pool, type PoolObject, usePoolMutations } from './pools.api';

type Props = { object: PoolObject; pool?: Pool; onClose: () => void };

// The keys of poolSettings.leadPools and the customer pool's words they stand for.
const leadWords = {
  create: 'create',
  edit: 'edit',
  created: 'created',
  updated: 'updated',
  name: 'fields.name',
  isDefault: 'fields.isDefault',
  defaultHint: 'defaultHint',
  defaultLocked: 'defaultLocked',
  dailyHint: 'dailyHint',
  capHint: 'capHint',
  cooldownHint: 'cooldownHint',
  membersHint: 'membersHint',
} as const;

/** 新建/编辑公海 (or 线索池): name, default flag, claim limits, cooldown, members and their role, special limits. */
export function PoolFormDrawer({ object, pool, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolValues>();
  const { create, update } = usePoolMutations();
  const showProblem = useShowProblem();
  const f = (k: string) => t(`poolSettings.fields.${k}` as 'poolSettings.fields.name');
  // A lead pool speaks of leads where a customer pool speaks of customers.
  const say = (k: keyof typeof leadWords) =>
    t(object === 'lead' ? `poolSettings.leadPools.${k}` : `poolSettings.${leadWords[k]}`);
  const userNames = Object.fromEntries(
    (pool?.members ?? []).filter((m) => m.type === 'user').map((m) => [m.id, m.name]),
  );

  // After a version conflict the list reloads: show the stored pool (initialValues apply only once).
  const shownVersion = useRef(pool?.version);
  useEffect(() => {
    if (!pool || pool.version === shownVersion.current) return;
    shownVersion.current = pool.version;
    form.setFieldsValue(poolValuesOf(pool));
  }, [pool, form]);

  const save = async (v: PoolValues) => {
    const body = poolBodyOf(v);
    try {
      if (pool) {
        await update.mutateAsync({ pool, changes: body });
        void message.success(say('updated'));
      } else {
        await create.mutateAsync({ ...body, object });
        void message.success(say('created'));
      }
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      width={640}
      title={say(pool ? 'edit' : 'create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="pool-form-submit"
    >
      <Form<PoolValues>
        form={form}
        layout="vertical"
        initialValues={pool ? poolValuesOf(pool) : blankPool}
        onFinish={(v) => void save(v)}
        data-testid="pool-form"
      >
        <Form.Item
          name="name"
          label={say('name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: say('name') }) },
          ]}
        >
          <Input maxLength={50} data-testid="pool-name" />
        </Form.Item>
        <Form.Item name="description" label={f('description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item
          name="isDefault"
          label={say('isDefault')}
          valuePropName="checked"
          extra={say(pool?.isDefault ? 'defaultLocked' : 'defaultHint')}
        >
          {/* The default pool stays default until another one takes over. */}
          <Switch disabled={pool?.isDefault} data-testid="pool-default" />
        </Form.Item>

        <Divider titlePlacement="start">{t('poolSettings.sections.limits')}</Divider>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="dailyClaimLimit" label={f('dailyClaimLimit')} extra={say('dailyHint')}>
              <LimitInput testId="pool-daily-limit" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ownershipCap" label={f('ownershipCap')} extra={say('capHint')}>
              <LimitInput fallback={200} testId="pool-cap" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="reclaimCooldownDays"
              label={f('reclaimCooldownDays')}
              extra={say('cooldownHint')}
              rules={[{ required: true, message: t('common.required', { field: f('reclaimCooldownDays') }) }]}
            >
              <InputNumber<number>
                min={0}
                max={365}
                precision={0}
                suffix={t('poolSettings.daysUnit')}
                style={{ width: '100%' }}
                data-testid="pool-cooldown"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('poolSettings.sections.members')}</Divider>
        <Typography.Paragraph type="secondary">{say('membersHint')}</Typography.Paragraph>
        <Form.Item label={t('poolSettings.memberDepartments')}>
          <MembersEditor name="departments" />
        </Form.Item>
        <Form.Item label={t('poolSettings.memberUsers')}>
          <MembersEditor name="users" knownNames={userNames} />
        </Form.Item>

        <Divider titlePlacement="start">{t('poolSettings.sections.overrides')}</Divider>
        <Typography.Paragraph type="secondary">{t('poolSettings.overridesHint')}</Typography.Paragraph>
        <OverridesEditor />
      </Form>
    </FormDrawer>
  );
}
