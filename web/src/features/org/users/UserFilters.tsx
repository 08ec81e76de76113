import { Col, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { DepartmentSelect } from '../departments/DepartmentSelect';
import { useRoleOptions } from '../roles/role-options';
import type { UserFilters as Filters } from './users.api';

type Props = { value: Filters; onChange: (f: Filters) => void };

/** Keyword search and the department / role / status filters of the user list. */
export function UserFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const roleOptions = useRoleOptions();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      <Col xs={24} md={8}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          defaultValue={value.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          data-testid="user-search"
        />
      </Col>
      <Col xs={24} sm={8} md={6}>
        <DepartmentSelect
          allowClear
          value={value.departmentId}
          onChange={(departmentId) => set({ departmentId })}
          placeholder={t('users.anyDepartment')}
        />
      </Col>
      {can('role', 'read') && (
        <Col xs={12} sm={8} md={5}>
          <Select
            allowClear
            style={{ width: '100%' }}
            value={value.role}
            onChange={(role?: string) => set({ role })}
            options={roleOptions}
            placeholder={t('users.anyRole')}
          />
        </Col>
      )}
      <Col xs={12} sm={8} md={5}>
        <Select
          allowClear
          style={{ width: '100%' }}
          value={value.active}
          onChange={(active?: 'true' | 'false') => set({ active })}
          options={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
          placeholder={t('users.anyStatus')}
        />
      </Col>
    </Row>
  );
}
