import { InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Limit } from './form-values';

type Mode = 'limit' | 'unlimited' | 'inherit';
type Props = {
  /** Set by Form.Item, so the label points at the number. */
  id?: string;
  value?: Limit;
  onChange?: (value: Limit) => void;
  /** Overrides may leave a limit to the pool (value undefined). */
  allowInherit?: boolean;
  /** What a fresh limit starts at when the admin switches from 不限. */
  fallback?: number;
  testId?: string;
};

const modeOf = (v: Limit): Mode => (v === undefined ? 'inherit' : v === null ? 'unlimited' : 'limit');

/** A claim limit: a number, 不限 (null), or — for an override — 同公海 (left to the pool). */
export function LimitInput({ id, value, onChange, allowInherit, fallback = 10, testId }: Props) {
  const { t } = useTranslation();
  const mode = modeOf(allowInherit ? value : (value ?? null));
  const modes: Mode[] = allowInherit ? ['inherit', 'limit', 'unlimited'] : ['limit', 'unlimited'];
  return (
    <Space.Compact style={{ width: '100%' }} data-testid={testId}>
      <Select<Mode>
        value={mode}
        onChange={(m) => onChange?.(m === 'limit' ? fallback : m === 'unlimited' ? null : undefined)}
        options={modes.map((m) => ({ value: m, label: t(`poolSettings.limitModes.${m}`) }))}
        popupMatchSelectWidth={false}
        style={mode === 'limit' ? { width: allowInherit ? 104 : 88, flex: 'none' } : { flex: 1 }}
        data-testid={testId && `${testId}-mode`}
      />
      {mode === 'limit' && (
        <InputNumber<number>
          id={id}
          value={value as number}
          min={0}
          max={100_000}
          precision={0}
          onChange={(n) => onChange?.(n ?? 0)}
          style={{ flex: 1, minWidth: 64 }}
          data-testid={testId && `${testId}-value`}
        />
      )}
    </Space.Compact>
  );
}
