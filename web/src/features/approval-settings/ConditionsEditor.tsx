import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../components';
import { DepartmentSelect, useRoleOptions } from '../org';
import { type CompareOp, type ConditionField, compareOps, conditionFields } from './form-values';

/** One condition: amount (元) or probability (%) compared with a value, or the submitter's department or role. */
function ConditionRowFields({ name, onRemove }: { name: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const form = Form.useFormInstance();
  const field = Form.useWatch(['conditions', name, 'field'], form) as ConditionField | undefined;
  const op = Form.useWatch(['conditions', name, 'op'], form) as CompareOp | undefined;
  const roleOptions = useRoleOptions();
  const required = { required: true, message: t('approvalFlows.valueRequired') };
  const numeric = field === 'amount' || field === 'probability';
  const number = (item: 'value' | 'to', extra: object[] = []) => (
    <Form.Item
      name={[name, item]}
      rules={[required, ...extra]}
      style={{ flex: 1, minWidth: 110, marginBottom: 0 }}
    >
      <InputNumber<number>
        min={0}
        max={field === 'probability' ? 100 : 999_999_999_999}
        precision={field === 'probability' ? 0 : 2}
        suffix={field === 'amount' ? t('approvalFlows.yuan') : t('approvalFlows.percent')}
        style={{ width: '100%' }}
        data-testid={`condition-${item}`}
      />
    </Form.Item>
  );
  const ordered = {
    validator: (_: unknown, to: number | null | undefined) => {
      const from = form.getFieldValue(['conditions', name, 'value']) as number | null | undefined;
      return from != null && to != null && from > to
        ? Promise.reject(new Error(t('approvalFlows.betweenOrder')))
        : Promise.resolve();
    },
  };
  return (
    <Flex gap={8} align="start" wrap={phone} data-testid="condition-row">
      <Form.Item name={[name, 'field']} style={{ width: phone ? '100%' : 130, marginBottom: 0 }}>
        <Select
          options={conditionFields.map((f) => ({ value: f, label: t(`approvalFlows.conditionFields.${f}`) }))}
          onChange={(f: ConditionField) =>
            form.setFieldValue(['conditions', name], {
              field: f,
              ...(f === 'amount' || f === 'probability' ? { op: 'gt' } : {}),
            })
          }
          data-testid="condition-field"
        />
      </Form.Item>
      {numeric && (
        <>
          <Form.Item name={[name, 'op']} style={{ width: 110, marginBottom: 0 }}>
            <Select
              options={compareOps.map((o) => ({ value: o, label: t(`approvalFlows.ops.${o}`) }))}
              data-testid="condition-op"
            />
          </Form.Item>
          {number('value')}
          {op === 'between' && number('to', [ordered])}
        </>
      )}
      {field === 'department' && (
        <Form.Item
          name={[name, 'departmentId']}
          rules={[required]}
          style={{ flex: 1, minWidth: 160, marginBottom: 0 }}
        >
          <DepartmentSelect placeholder={t('approvalFlows.chooseDepartment')} />
        </Form.Item>
      )}
      {field === 'role' && (
        <Form.Item
          name={[name, 'roleKey']}
          rules={[required]}
          style={{ flex: 1, minWidth: 160, marginBottom: 0 }}
        >
          <Select
            options={roleOptions}
            placeholder={t('approvalFlows.chooseRole')}
            data-testid="condition-role"
          />
        </Form.Item>
      )}
      <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={onRemove} />
    </Flex>
  );
}

/** 条件: rows that must all hold for the flow to apply; none means every move into the stages. */
export function ConditionsEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="conditions">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid="flow-conditions">
          {fields.length === 0 && (
            <Typography.Text type="secondary">{t('approvalFlows.noConditions')}</Typography.Text>
          )}
          {fields.map((f) => (
            <ConditionRowFields key={f.key} name={f.name} onRemove={() => remove(f.name)} />
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ field: 'amount', op: 'gt' })}
            data-testid="add-condition"
          >
            {t('approvalFlows.addCondition')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
