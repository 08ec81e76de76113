import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect, UserSearchSelect } from '../org';
import type { MemberRole } from './form-values';

type Props = {
  /** The form list: `departments` or `users`. */
  name: 'departments' | 'users';
  /** Names of the members the pool already has (users), so their choices show without a lookup. */
  knownNames?: Record<string, string>;
};

/** Rows of a department (incl. its sub-departments) or a user, each a 成员 or a 管理员 of the pool. */
export function MembersEditor({ name, knownNames = {} }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const roles: MemberRole[] = ['member', 'admin'];
  const department = name === 'departments';
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid={`pool-${name}`}>
          {fields.length === 0 && (
            <Typography.Text type="secondary">
              {t(department ? 'poolSettings.noDepartments' : 'poolSettings.noUsers')}
            </Typography.Text>
          )}
          {fields.map((f) => (
            <Flex key={f.key} gap={8} align="start" data-testid={`pool-${name}-row`}>
              <Form.Item
                name={[f.name, 'id']}
                style={{ flex: 1, minWidth: 0, marginBottom: 0 }}
                rules={[{ required: true, message: t('poolSettings.memberRequired') }]}
              >
                {department ? (
                  <DepartmentSelect placeholder={t('poolSettings.chooseDepartment')} />
                ) : (
                  <UserSearchSelect
                    knownLabel={knownNames[form.getFieldValue([name, f.name, 'id']) as string]}
                    placeholder={t('poolSettings.chooseUser')}
                    testId="pool-user-select"
                  />
                )}
              </Form.Item>
              <Form.Item name={[f.name, 'role']} style={{ width: 96, marginBottom: 0 }}>
                <Select
                  options={roles.map((r) => ({ value: r, label: t(`poolSettings.memberRoles.${r}`) }))}
                  data-testid="pool-member-role"
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => remove(f.name)}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ role: 'member' })}
            data-testid={`add-pool-${name}`}
          >
            {t(department ? 'poolSettings.addDepartment' : 'poolSettings.addUser')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
