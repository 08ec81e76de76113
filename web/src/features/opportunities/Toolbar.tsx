import { FilterOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../components';
import { CustomFieldFilters, type CustomFilterValues, useActiveCustomFields } from '../custom-fields';
import { OwnerSelect } from '../customers/OwnerSelect';
import type { OpportunityFilters, Stage } from './opportunities.api';

export const sorts = [
  '-updatedAt',
  '-createdAt',
  '-amount',
  'expectedCloseDate',
  'nextFollowUpAt',
  '-stageEnteredAt',
] as const;
export type Sort = (typeof sorts)[number];
export type Filters = Pick<
  OpportunityFilters,
  'q' | 'stageId' | 'status' | 'ownerId' | 'stalled' | 'followUp'
> &
  CustomFilterValues;
const statuses = ['open', 'won', 'lost'] as const;

type Props = {
  value: Filters;
  onChange: (f: Filters) => void;
  /** The list view's extras: stage, status and sort (the board has a column per stage). */
  list?: { stages: Stage[]; sort: Sort; onSort: (s: Sort) => void };
  byOwner: boolean;
  /** After the filters (我的视图). */
  extra?: React.ReactNode;
};

/**
 * Keyword, owner, 停滞 and 跟进逾期 filters of the board and list, 更多筛选 on the deals' custom fields;
 * stage, status and sort in the list.
 */
export function Toolbar({ value, onChange, list, byOwner, extra }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const set = (patch: Filters) => onChange({ ...value, ...patch });
  const half = phone ? 'calc(50% - 4px)' : 150;
  const defs = useActiveCustomFields('opportunity').filter((d) => d.type !== 'long_text');
  const customCount = Object.entries(value).filter(([k, v]) => k.startsWith('cf.') && v).length;
  const [more, setMore] = useState(customCount > 0);
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="deal-toolbar">
        <Input.Search
          allowClear
          placeholder={t('opportunities.searchPlaceholder')}
          defaultValue={value.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: phone ? '100%' : 280 }}
          data-testid="deal-search"
        />
        {list && (
          <>
            <Select
              allowClear
              placeholder={t('opportunities.anyStage')}
              aria-label={t('opportunities.fields.stage')}
              value={value.stageId}
              onChange={(stageId) => set({ stageId })}
              options={list.stages.map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: half }}
              data-testid="deal-stage-filter"
            />
            <Select
              allowClear
              placeholder={t('opportunities.anyStatus')}
              aria-label={t('opportunities.fields.status')}
              value={value.status}
              onChange={(status) => set({ status })}
              options={statuses.map((s) => ({ value: s, label: t(`opportunities.statuses.${s}`) }))}
              style={{ width: half }}
              data-testid="deal-status-filter"
            />
          </>
        )}
        {byOwner && (
          <div style={{ width: half }}>
            <OwnerSelect
              value={value.ownerId}
              onChange={(ownerId) => set({ ownerId })}
              placeholder={t('opportunities.anyOwner')}
            />
          </div>
        )}
        {list && (
          <Select<Sort>
            value={list.sort}
            onChange={list.onSort}
            aria-label={t('opportunities.sortBy')}
            options={sorts.map((s) => ({ value: s, label: t(`opportunities.sorts.${s}`) }))}
            style={{ width: phone ? half : 170 }}
            data-testid="deal-sort"
          />
        )}
        <Checkbox
          checked={value.stalled === 'true'}
          onChange={(e) => set({ stalled: e.target.checked ? 'true' : undefined })}
          data-testid="deal-stalled-filter"
        >
          {t('opportunities.onlyStalled')}
        </Checkbox>
        <Checkbox
          checked={value.followUp === 'overdue'}
          onChange={(e) => set({ followUp: e.target.checked ? 'overdue' : undefined })}
          data-testid="deal-overdue-filter"
        >
          {t('opportunities.onlyOverdue')}
        </Checkbox>
        {defs.length > 0 && (
          <Button
            type={customCount ? 'primary' : 'default'}
            ghost={customCount > 0}
            icon={<FilterOutlined />}
            onClick={() => setMore(!more)}
            aria-expanded={more}
            data-testid="deal-more-filters"
          >
            {customCount
              ? t('opportunities.moreFiltersCount', { count: customCount })
              : t('opportunities.moreFilters')}
          </Button>
        )}
        {extra}
      </Flex>
      {more && defs.length > 0 && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="deal-custom-filters">
          <CustomFieldFilters defs={defs} value={value} onChange={(patch) => set(patch)} />
        </Row>
      )}
    </>
  );
}
