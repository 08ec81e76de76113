import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoleOptions } from '../org';
import { type ApproverType, approverTypes, blankStep } from './form-values';
import { useLevelName } from './labels';
import { UsersSelect } from './UsersSelect';

const levels = [1, 2, 3, 4, 5];

type RowProps = {
  name: number;
  index: number;
  count: number;
  onRemove: () => void;
  onMove: (to: number) => void;
};

/** One step: its name, who approves (a manager level, a chain of managers, a role or named people) and 会签/或签. */
function StepCard({ name, index, count, onRemove, onMove }: RowProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const type = Form.useWatch(['steps', name, 'type'], form) as ApproverType | undefined;
  const roleOptions = useRoleOptions();
  const levelName = useLevelName();
  const f = (k: string) => t(`approvalFlows.${k}` as 'approvalFlows.stepName');
  return (
    <Card
      size="small"
      title={t('approvalFlows.stepNo', { n: index + 1 })}
      extra={
        <Flex gap={2}>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            aria-label={f('moveUp')}
            onClick={() => onMove(index - 1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={index === count - 1}
            aria-label={f('moveDown')}
            onClick={() => onMove(index + 1)}
          />
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('common.delete')}
            onClick={onRemove}
          />
        </Flex>
      }
      data-testid="step-row"
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={[name, 'name']}
            label={f('stepName')}
            rules={[{ required: true, whitespace: true, message: f('stepNameRequired') }]}
          >
            <Input maxLength={30} data-testid="step-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, 'type']} label={f('approverType')}>
            <Select
              options={approverTypes.map((a) => ({ value: a, label: t(`approvalFlows.approverTypes.${a}`) }))}
              data-testid="step-type"
            />
          </Form.Item>
        </Col>
        {(type === 'manager' || type === 'manager_chain') && (
          <Col xs={24} sm={12}>
            <Form.Item name={[name, 'level']} label={f(type === 'manager' ? 'level' : 'levels')}>
              <Select
                options={levels.map((l) => ({ value: l, label: levelName(l) }))}
                data-testid="step-level"
              />
            </Form.Item>
          </Col>
        )}
        {type === 'role' && (
          <Col xs={24} sm={12}>
            <Form.Item
              name={[name, 'roleKey']}
              label={t('approvalFlows.approverTypes.role')}
              rules={[{ required: true, message: f('roleRequired') }]}
            >
              <Select options={roleOptions} placeholder={f('chooseRole')} data-testid="step-role" />
            </Form.Item>
          </Col>
        )}
        {type === 'users' && (
          <Col xs={24}>
            <Form.Item
              name={[name, 'userIds']}
              label={t('approvalFlows.approverTypes.users')}
              rules={[{ required: true, type: 'array', min: 1, message: f('usersRequired') }]}
            >
              <UsersSelect placeholder={f('chooseUsers')} testId="step-users" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={type === 'users' ? 24 : 12}>
          {type === 'manager_chain' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              {f('chainHint')}
            </Typography.Paragraph>
          ) : (
            <Form.Item name={[name, 'mode']} label={f('mode')}>
              <Select
                options={(['any', 'all'] as const).map((m) => ({
                  value: m,
                  label: t(`approvalFlows.modes.${m}`),
                }))}
                data-testid="step-mode"
              />
            </Form.Item>
          )}
        </Col>
      </Row>
    </Card>
  );
}

/** 审批步骤, in order: each must pass before the next is asked. */
export function StepsEditor() {
  const { t } = useTranslation();
  const atLeastOne = {
    validator: (_: unknown, rows: unknown[] | undefined) =>
      rows?.length ? Promise.resolve() : Promise.reject(new Error(t('approvalFlows.stepsRequired'))),
  };
  return (
    <Form.List name="steps" rules={[atLeastOne]}>
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={12} data-testid="flow-steps-editor">
          {fields.map((f, i) => (
            <StepCard
              key={f.key}
              name={f.name}
              index={i}
              count={fields.length}
              onRemove={() => remove(f.name)}
              onMove={(to) => move(i, to)}
            />
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add(blankStep())}
            data-testid="add-step"
          >
            {t('approvalFlows.addStep')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
