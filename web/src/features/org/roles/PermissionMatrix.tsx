import { Checkbox, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AccessObject, Action, Grant, Grants, Scope } from '../../../app/api-types';
import { scopes } from '../../../app/api-types';
import { currentLanguage, translateDynamic } from '../../../app/i18n';

export type Matrix = { permissions: Grants; maskedFields: string[] };
type Props = { objects: AccessObject[]; value: Matrix; onChange: (m: Matrix) => void; disabled: boolean };

/** One row per object: the actions granted, the data scope they reach, and the fields masked. */
export function PermissionMatrix({ objects, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const grantOf = (key: string): Grant => value.permissions[key] ?? { actions: [], scope: 'own' };
  const setGrant = (key: string, patch: Partial<Grant>) =>
    onChange({ ...value, permissions: { ...value.permissions, [key]: { ...grantOf(key), ...patch } } });

  const columns: ColumnsType<AccessObject> = [
    { title: t('roles.object'), key: 'object', render: (_, o) => o.label[currentLanguage()], width: 140 },
    {
      title: t('roles.actions'),
      key: 'actions',
      render: (_, o) => (
        <Checkbox.Group<Action>
          disabled={disabled}
          value={grantOf(o.key).actions}
          onChange={(actions) => setGrant(o.key, { actions })}
          options={o.actions.map((a) => ({ value: a, label: translateDynamic(`roles.actionNames.${a}`, a) }))}
        />
      ),
    },
    {
      title: t('roles.scope'),
      key: 'scope',
      width: 170,
      render: (_, o) => (
        <Select<Scope>
          disabled={disabled || grantOf(o.key).actions.length === 0}
          value={grantOf(o.key).scope}
          onChange={(scope) => setGrant(o.key, { scope })}
          options={scopes.map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))}
          style={{ width: 150 }}
        />
      ),
    },
    {
      title: t('roles.masked'),
      key: 'masked',
      render: (_, o) =>
        o.maskable.length > 0 && (
          <Checkbox.Group
            disabled={disabled}
            value={value.maskedFields.filter((f) => f.startsWith(`${o.key}.`))}
            onChange={(checked) =>
              onChange({
                ...value,
                maskedFields: [
                  ...value.maskedFields.filter((f) => !f.startsWith(`${o.key}.`)),
                  ...checked.map(String),
                ],
              })
            }
            options={o.maskable.map((f) => ({
              value: `${o.key}.${f}`,
              label: translateDynamic(`roles.fields.${f}`, f),
            }))}
          />
        ),
    },
  ];
  return (
    <Table<AccessObject>
      rowKey="key"
      columns={columns}
      dataSource={objects}
      pagination={false}
      scroll={{ x: 'max-content' }}
      size="middle"
      data-testid="permission-matrix"
    />
  );
}
