import { Flex, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextFilter, useIsPhone } from '../../components';
import { OwnerSelect } from '../customers/OwnerSelect';
import type { LeadFilters } from './leads.api';
import { type LeadChannel, type LeadStatus, leadChannels, leadStatuses } from './statuses';

export const sorts = ['-updatedAt', '-createdAt', 'name', '-score', 'score', 'nextFollowUpAt'] as const;
export type Sort = (typeof sorts)[number];
export const isSort = (s: string | undefined): s is Sort => sorts.includes(s as Sort);
export type Filters = Pick<LeadFilters, 'q' | 'status' | 'ownerId' | 'source' | 'channel'>;

type Props = {
  value: Filters;
  onChange: (f: Filters) => void;
  sort: Sort;
  onSort: (s: Sort) => void;
  /** Offer the owner filter (for users who see more than their own leads). */
  byOwner: boolean;
  /** More controls at the end of the row (e.g. the custom-field column picker). */
  extra?: ReactNode;
};

/** Keyword search, the status, channel, owner and source filters and the sort of the lead list. */
export function LeadToolbar({ value, onChange, sort, onSort, byOwner, extra }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const set = (patch: Filters) => onChange({ ...value, ...patch });
  // On a phone the filters sit two to a row under a full-width search box.
  const half = phone ? 'calc(50% - 4px)' : 130;
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="lead-toolbar">
      <Input.Search
        allowClear
        placeholder={t('leads.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: phone ? '100%' : 320 }}
        data-testid="lead-search"
      />
      <Select<LeadStatus>
        allowClear
        placeholder={t('leads.anyStatus')}
        aria-label={t('leads.fields.status')}
        value={value.status}
        onChange={(status) => set({ status })}
        options={leadStatuses.map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))}
        style={{ width: half }}
        data-testid="lead-status-filter"
      />
      <Select<LeadChannel>
        allowClear
        placeholder={t('leads.anyChannel')}
        aria-label={t('leads.fields.channel')}
        value={value.channel}
        onChange={(channel) => set({ channel })}
        options={leadChannels.map((c) => ({ value: c, label: t(`leads.channels.${c}`) }))}
        style={{ width: half }}
        data-testid="lead-channel-filter"
      />
      <div style={{ width: half }}>
        <TextFilter
          value={value.source}
          placeholder={t('leads.fields.source')}
          onCommit={(source) => set({ source })}
        />
      </div>
      {byOwner && (
        <div style={{ width: phone ? half : 165 }}>
          <OwnerSelect
            value={value.ownerId}
            onChange={(ownerId) => set({ ownerId })}
            placeholder={t('leads.anyOwner')}
          />
        </div>
      )}
      <Select<Sort>
        value={sort}
        onChange={onSort}
        aria-label={t('leads.sortBy')}
        options={sorts.map((s) => ({ value: s, label: t(`leads.sorts.${s}`) }))}
        style={{ width: phone ? half : 165 }}
        data-testid="lead-sort"
      />
      {extra}
    </Flex>
  );
}
