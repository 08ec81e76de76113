import { Checkbox, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type AccessObject,
  type Action,
  type Grant,
  type Grants,
  type Scope,
  scopes,
} from '../../../app/api-types';
import { translateDynamic } from '../../../app/i18n';

export type Matrix = { permissions: Grants; maskedFields: string[] };
export type ControlProps = {
  object: AccessObject;
  value: Matrix;
  onChange: (m: Matrix) => void;
  disabled: boolean;
};

const grantOf = (m: Matrix, key: string): Grant => m.permissions[key] ?? { actions: [], scope: 'own' };
const withGrant = (m: Matrix, key: string, patch: Partial<Grant>): Matrix => ({
  ...m,
  permissions: { ...m.permissions, [key]: { ...grantOf(m, key), ...patch } },
});

/** The actions of one object the role may perform. */
export function ActionChecks({ object, value, onChange, disabled }: ControlProps) {
  return (
    <Checkbox.Group<Action>
      disabled={disabled}
      value={grantOf(value, object.key).actions}
      onChange={(actions) => onChange(withGrant(value, object.key, { actions }))}
      options={object.actions.map((a) => ({
        value: a,
        label: translateDynamic(`roles.actionNames.${a}`, a),
      }))}
    />
  );
}

/** How far those actions reach: 本人 · 本部门 · 本部门及下级 · 全公司. */
export function ScopeSelect({ object, value, onChange, disabled }: ControlProps) {
  const { t } = useTranslation();
  const grant = grantOf(value, object.key);
  return (
    <Select<Scope>
      disabled={disabled || grant.actions.length === 0}
      value={grant.scope}
      onChange={(scope) => onChange(withGrant(value, object.key, { scope }))}
      options={scopes.map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))}
      style={{ width: 150 }}
      aria-label={t('roles.scope')}
    />
  );
}

/** Fields of the object hidden from this role (masked fields are stored as `object.field`). */
export function MaskChecks({ object, value, onChange, disabled }: ControlProps) {
  if (!object.maskable.length) return null;
  const prefix = `${object.key}.`;
  return (
    <Checkbox.Group
      disabled={disabled}
      value={value.maskedFields.filter((f) => f.startsWith(prefix))}
      onChange={(checked) =>
        onChange({
          ...value,
          maskedFields: [...value.maskedFields.filter((f) => !f.startsWith(prefix)), ...checked.map(String)],
        })
      }
      options={object.maskable.map((f) => ({
        value: prefix + f,
        label: translateDynamic(`roles.fields.${f}`, f),
      }))}
    />
  );
}
