import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type QuickFilter, quickFilters } from './quick-filters';

type Props = { value: QuickFilter; onChange: (q: QuickFilter) => void };

/** 全部 · 待首次跟进 · 已超时 · 今日待跟进 · 逾期未跟进 · 高分 — chips that wrap on a phone. */
export function QuickFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Tag.CheckableTagGroup<QuickFilter>
      value={value}
      // Clicking the chosen chip again goes back to 全部.
      onChange={(q) => onChange(q ?? 'all')}
      options={quickFilters.map((q) => ({ value: q, label: t(`leads.quick.${q}`) }))}
      style={{ marginBottom: 12, rowGap: 8 }}
      aria-label={t('leads.quick.label')}
      data-testid="lead-quick-filters"
    />
  );
}
