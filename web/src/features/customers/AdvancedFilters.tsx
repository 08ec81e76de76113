import { Button, Checkbox, Col, DatePicker, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endOfOrgDay, inOrgZone, startOfOrgDay } from '../../app/time';
import { TextFilter } from '../../components';
import { CustomFieldFilters, type CustomFilterValues, useActiveCustomFields } from '../custom-fields';
import type { CustomerFilters } from './customers.api';
import { customerLevels, customerStatuses } from './labels';

export type Advanced = Pick<
  CustomerFilters,
  | 'level'
  | 'status'
  | 'industry'
  | 'province'
  | 'city'
  | 'tag'
  | 'createdFrom'
  | 'createdTo'
  | 'lastFollowUpFrom'
  | 'lastFollowUpTo'
  | 'notFollowedUp'
> &
  CustomFilterValues;
type Props = { value: Advanced; onChange: (a: Advanced) => void };

/** A range of calendar days in the org's time zone, as [first instant, first instant after]. */
function DayRange(p: {
  label: string;
  from?: number;
  to?: number;
  disabled?: boolean;
  onChange: (from?: number, to?: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <DatePicker.RangePicker
      style={{ width: '100%' }}
      aria-label={p.label}
      placeholder={[p.label, t('customers.rangeTo')]}
      disabled={p.disabled}
      value={[
        p.from !== undefined ? inOrgZone(p.from) : null,
        p.to !== undefined ? inOrgZone(p.to - 1) : null,
      ]}
      onChange={(range) =>
        p.onChange(
          range?.[0] ? startOfOrgDay(range[0]) : undefined,
          range?.[1] ? endOfOrgDay(range[1]) : undefined,
        )
      }
    />
  );
}

/** 高级筛选: level, status, industry, region, tag and a created-date range (days in the org's zone). */
export function AdvancedFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  // Clearing remounts the fields, so the uncontrolled inputs forget what was typed.
  const [generation, setGeneration] = useState(0);
  const customDefs = useActiveCustomFields('customer');
  const set = (patch: Partial<Advanced>) => onChange({ ...value, ...patch });
  const f = (k: string) => t(`customers.fields.${k}` as 'customers.fields.name');
  return (
    <Row key={generation} gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="customer-filters">
      <Col xs={12} md={6} xl={3}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('customers.anyLevel')}
          value={value.level}
          onChange={(level?: Advanced['level']) => set({ level })}
          options={customerLevels.map((l) => ({ value: l, label: t('customers.levelValue', { level: l }) }))}
        />
      </Col>
      <Col xs={12} md={6} xl={3}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('customers.anyStatus')}
          value={value.status}
          onChange={(status?: Advanced['status']) => set({ status })}
          options={customerStatuses.map((s) => ({ value: s, label: t(`customers.statuses.${s}`) }))}
        />
      </Col>
      <Col xs={12} md={6} xl={3}>
        <TextFilter
          value={value.industry}
          placeholder={f('industry')}
          onCommit={(industry) => set({ industry })}
        />
      </Col>
      <Col xs={12} md={6} xl={3}>
        <TextFilter value={value.tag} placeholder={f('tags')} onCommit={(tag) => set({ tag })} />
      </Col>
      <Col xs={12} md={6} xl={3}>
        <TextFilter
          value={value.province}
          placeholder={f('province')}
          onCommit={(province) => set({ province })}
        />
      </Col>
      <Col xs={12} md={6} xl={3}>
        <TextFilter value={value.city} placeholder={f('city')} onCommit={(city) => set({ city })} />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <DayRange
          label={t('customers.createdRange')}
          from={value.createdFrom}
          to={value.createdTo}
          onChange={(createdFrom, createdTo) => set({ createdFrom, createdTo })}
        />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <DayRange
          label={t('customers.followUpRange')}
          from={value.lastFollowUpFrom}
          to={value.lastFollowUpTo}
          disabled={!!value.notFollowedUp}
          onChange={(lastFollowUpFrom, lastFollowUpTo) => set({ lastFollowUpFrom, lastFollowUpTo })}
        />
      </Col>
      <Col xs={24} md={12} xl={6} style={{ display: 'flex', alignItems: 'center' }}>
        <Checkbox
          checked={!!value.notFollowedUp}
          onChange={(e) =>
            set({
              notFollowedUp: e.target.checked ? 'true' : undefined,
              lastFollowUpFrom: undefined,
              lastFollowUpTo: undefined,
            })
          }
          data-testid="filter-not-followed-up"
        >
          {t('customers.notFollowedUpFilter')}
        </Checkbox>
      </Col>
      <CustomFieldFilters defs={customDefs} value={value} onChange={set} />
      <Col xs={24} md={12} xl={24} style={{ textAlign: 'end' }}>
        <Button
          type="link"
          onClick={() => {
            setGeneration((g) => g + 1);
            onChange({});
          }}
        >
          {t('customers.clearFilters')}
        </Button>
      </Col>
    </Row>
  );
}
