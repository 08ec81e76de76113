import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserSearchSelect } from '../org';

/** The people a rule gives leads to, one row each; with 按权重分配 each has a weight (1–100). */
export function TargetUsersEditor({ weighted }: { weighted: boolean }) {
  const { t } = useTranslation();
  const a = (k: string) => t(`leadRules.assignment.${k}` as 'leadRules.assignment.addUser');
  const atLeastOne = {
    validator: (_: unknown, rows: unknown[] | undefined) =>
      rows?.length ? Promise.resolve() : Promise.reject(new Error(a('usersRequired'))),
  };
  return (
    <Form.List name="users" rules={[atLeastOne]}>
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} data-testid="assignment-users">
          {fields.map((f) => (
            <Flex key={f.key} gap={8} align="start" data-testid="assignment-user-row">
              <Form.Item
                name={[f.name, 'id']}
                style={{ flex: 1, minWidth: 0, marginBottom: 0 }}
                rules={[{ required: true, message: a('userRequired') }]}
              >
                <UserSearchSelect placeholder={a('chooseUser')} testId="assignment-user-select" />
              </Form.Item>
              {weighted && (
                <Form.Item name={[f.name, 'weight']} style={{ width: 96, marginBottom: 0 }}>
                  <InputNumber<number>
                    min={1}
                    max={100}
                    precision={0}
                    placeholder={a('weightHint')}
                    prefix={t('leadRules.assignment.fields.weight')}
                    aria-label={t('leadRules.assignment.fields.weight')}
                    style={{ width: '100%' }}
                    data-testid="assignment-user-weight"
                  />
                </Form.Item>
              )}
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => remove(f.name)}
              />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ weight: 1 })}
            data-testid="add-assignment-user"
          >
            {a('addUser')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
