import { WarningOutlined } from '@ant-design/icons';
import { Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../app/numbers';
import type { MetricDefinition } from '../performance/metrics.api';
import type { TargetRow } from './targets.api';
import { showValue } from './values';

type Sum = NonNullable<TargetRow['childrenSum']>;

/** 下级合计 / 分期合计: what the parts below add up to, flagged when it differs from the target. */
export function SumCheck({ row, unit }: { row: TargetRow; unit: MetricDefinition['unit'] }) {
  const lines = [
    row.childrenSum && { key: 'children', sum: row.childrenSum },
    row.periodsSum && { key: 'periods', sum: row.periodsSum },
  ].filter((l): l is { key: 'children' | 'periods'; sum: Sum } => !!l && l.sum.set > 0);
  if (!lines.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {lines.map((l) => (
        <Line key={l.key} kind={l.key} sum={l.sum} target={row.target?.value ?? null} unit={unit} />
      ))}
    </Flex>
  );
}

function Line({
  kind,
  sum,
  target,
  unit,
}: {
  kind: 'children' | 'periods';
  sum: Sum;
  target: number | null;
  unit: MetricDefinition['unit'];
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  // Parts not all set yet fall short of the target as a matter of course: flag only a full set that
  // differs, or parts that already ask for more than the target.
  const differs = target !== null && (sum.set === sum.of ? sum.sum !== target : sum.sum > target);
  const text = t(`targets.sum.${kind}`, {
    value: showValue(sum.sum, unit, locale),
    set: sum.set,
    of: sum.of,
  });
  return (
    <Typography.Text
      type={differs ? 'warning' : 'secondary'}
      style={{ fontSize: 12 }}
      data-testid={`sum-${kind}`}
    >
      {differs ? (
        <Tooltip
          title={
            sum.sum > target
              ? t('targets.sum.over', { value: showValue(sum.sum - target, unit, locale) })
              : t('targets.sum.under', { value: showValue(target - sum.sum, unit, locale) })
          }
        >
          <WarningOutlined /> {text}
        </Tooltip>
      ) : (
        text
      )}
    </Typography.Text>
  );
}
