import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Input, Segmented, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../components';
import type { View } from './views';

export const sorts = ['-updatedAt', '-createdAt', '-lastFollowUpAt', 'name'] as const;
export type Sort = (typeof sorts)[number];

type Props = {
  views: View[];
  view: View;
  onView: (v: View) => void;
  q: string | undefined;
  onSearch: (q: string | undefined) => void;
  sort: Sort;
  onSort: (s: Sort) => void;
  advancedCount: number;
  advancedOpen: boolean;
  onToggleAdvanced: () => void;
  /** More controls at the end of the row (e.g. the custom-field column picker). */
  extra?: ReactNode;
};

/** 视图 switch, keyword search, sort and the 高级筛选 toggle of the customer list. */
export function CustomerToolbar(p: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      {p.views.length > 1 && (
        <Segmented<View>
          value={p.view}
          onChange={p.onView}
          options={p.views.map((v) => ({ value: v, label: t(`customers.views.${v}`) }))}
          data-testid="customer-views"
        />
      )}
      <Input.Search
        allowClear
        placeholder={t('customers.searchPlaceholder')}
        defaultValue={p.q}
        onSearch={(q) => p.onSearch(q.trim() || undefined)}
        style={{ width: phone ? '100%' : 280 }}
        data-testid="customer-search"
      />
      <Select<Sort>
        value={p.sort}
        onChange={p.onSort}
        style={{ width: phone ? 150 : 160 }}
        aria-label={t('customers.sortBy')}
        options={sorts.map((s) => ({ value: s, label: t(`customers.sorts.${s}`) }))}
        data-testid="customer-sort"
      />
      <Badge count={p.advancedCount} size="small">
        <Button
          icon={<FilterOutlined />}
          type={p.advancedOpen ? 'primary' : 'default'}
          ghost={p.advancedOpen}
          onClick={p.onToggleAdvanced}
          data-testid="customer-advanced"
        >
          {t('customers.advanced')}
        </Button>
      </Badge>
      {p.extra}
    </Flex>
  );
}
