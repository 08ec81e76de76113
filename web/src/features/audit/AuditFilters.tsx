import { Col, DatePicker, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { endOfOrgDay, startOfOrgDay } from '../../app/time';
import { ActorSelect } from './ActorSelect';
import type { AuditFilters as Filters } from './audit.api';
import { actionLabel, auditActions, auditObjects, objectLabel } from './labels';

type Props = { value: Filters; onChange: (f: Filters) => void };

/** Object, action, actor and a day range (days in the org's time zone). */
export function AuditFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      <Col xs={12} md={5}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('audit.object')}
          value={value.object}
          onChange={(object?: string) => set({ object })}
          options={auditObjects.map((o) => ({ value: o, label: objectLabel(o) }))}
        />
      </Col>
      <Col xs={12} md={5}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('audit.action')}
          value={value.action}
          onChange={(action?: string) => set({ action })}
          options={auditActions.map((a) => ({ value: a, label: actionLabel(a) }))}
        />
      </Col>
      {can('user', 'read') && (
        <Col xs={24} md={6}>
          <ActorSelect
            value={value.actorId}
            onChange={(actorId) => set({ actorId })}
            placeholder={t('audit.actor')}
          />
        </Col>
      )}
      <Col xs={24} md={8}>
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          onChange={(range) =>
            set({
              from: range?.[0] ? startOfOrgDay(range[0]) : undefined,
              to: range?.[1] ? endOfOrgDay(range[1]) : undefined,
            })
          }
        />
      </Col>
    </Row>
  );
}
