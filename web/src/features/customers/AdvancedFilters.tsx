import { Button, Col, DatePicker, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endOfOrgDay, startOfOrgDay } from '../../app/time';
import { CustomFieldFilters, type CustomFilterValues, useActiveCustomFields } from '../custom-fields';
import type { CustomerFilters } from './customers.api';
import { customerLevels, customerStatuses } from './labels';

export type Advanced = Pick<
  CustomerFilters,
  'level' | 'status' | 'industry' | 'province' | 'city' | 'tag' | 'createdFrom' | 'createdTo'
> &
  CustomFilterValues;
type Props = { value: Advanced; onChange: (a: Advanced) => void };

/** A text filter applied on Enter or when the field is left, not on every key. */
function TextFilter({
  value,
  onCommit,
  placeholder,
}: {
  value?: string;
  onCommit: (v?: string) => void;
  placeholder: string;
}) {
  const [text, setText] = useState(value ?? '');
  const commit = () => onCommit(text.trim() || undefined);
  return (
    <Input
      allowClear
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onCommit(undefined);
      }}
      onPressEnter={commit}
      onBlur={commit}
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
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          onChange={(range) =>
            set({
              createdFrom: range?.[0] ? startOfOrgDay(range[0]) : undefined,
              createdTo: range?.[1] ? endOfOrgDay(range[1]) : undefined,
            })
          }
        />
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
