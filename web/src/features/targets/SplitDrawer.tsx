import { Alert, Button, Drawer, Flex, Input, InputNumber, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../app/numbers';
import { useIsPhone, useShowProblem } from '../../components';
import type { MetricDefinition } from '../performance/metrics.api';
import { periodLabel } from './periods';
import { type SplitProposal, type TargetRow, type TargetTree, useTargetMutations } from './targets.api';
import { amountInput, fromInput, showValue, toInput } from './values';

type Into = 'periods' | 'children';
type Method = 'even' | 'seasonal' | 'weights';
type Props = {
  tree: TargetTree;
  row: TargetRow;
  unit: MetricDefinition['unit'];
  /** Has the period begun (a reason is then required)? */
  begun: boolean;
  onClose: () => void;
};

/** 拆分目标: a node's target into its quarters or months, or into the departments and reps under it. */
export function SplitDrawer({ tree, row, unit, begun, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const phone = useIsPhone();
  const showProblem = useShowProblem();
  const { split, save } = useTargetMutations();
  const canPeriods = tree.period.subPeriods.length > 0;
  const children = tree.rows.filter((r) => r.parentKey === row.key && r.active);
  const [into, setInto] = useState<Into>(
    row.type === 'department' && children.length ? 'children' : 'periods',
  );
  const [method, setMethod] = useState<Method>('even');
  const [total, setTotal] = useState<number | null>(row.target?.value ?? null);
  const [weights, setWeights] = useState<Record<string, number>>({});
  const [proposal, setProposal] = useState<SplitProposal | null>(null);
  const [values, setValues] = useState<number[]>([]);
  const [reason, setReason] = useState('');
  const parts =
    into === 'periods'
      ? tree.period.subPeriods.map((p) => ({ key: p, name: periodLabel(p, t) }))
      : children.map((c) => ({ key: c.key, name: c.name }));
  const reset = () => setProposal(null);

  const propose = () =>
    split.mutate(
      {
        metric: tree.metric.id,
        nodeType: row.type,
        nodeId: row.id,
        period: tree.period.key,
        into,
        method,
        ...(total !== null && { total }),
        ...(method === 'weights' && { weights }),
      },
      {
        onSuccess: (p) => {
          setProposal(p);
          setValues(p.cells.map((c) => c.value));
        },
        onError: (e) => showProblem(e),
      },
    );
  const sum = values.reduce((a, v) => a + v, 0);
  const commit = () =>
    proposal &&
    save.mutate(
      {
        metric: tree.metric.id,
        method,
        ...(reason.trim() && { reason: reason.trim() }),
        cells: proposal.cells.map((c, i) => ({
          nodeType: c.nodeType,
          nodeId: c.nodeId,
          period: c.period,
          value: values[i]!,
          ...(c.current && { version: c.current.version }),
        })),
      },
      { onSuccess: onClose, onError: (e) => showProblem(e, { onConflict: reset }) },
    );

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('targets.split.title', { name: row.name, period: periodLabel(tree.period.key, t) })}
      size={phone ? '100%' : 560}
      destroyOnHidden
      data-testid="split-drawer"
      footer={
        proposal && (
          <Flex gap={8} justify="flex-end">
            <Button onClick={reset}>{t('targets.split.back')}</Button>
            <Button
              type="primary"
              onClick={commit}
              loading={save.isPending}
              disabled={begun && !reason.trim()}
              data-testid="split-save"
            >
              {t('targets.split.save')}
            </Button>
          </Flex>
        )
      }
    >
      {!proposal ? (
        <Flex vertical gap={16}>
          <div>
            <Typography.Text strong>{t('targets.split.into')}</Typography.Text>
            <Radio.Group
              value={into}
              onChange={(e) => setInto(e.target.value)}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}
              data-testid="split-into"
            >
              <Radio value="periods" disabled={!canPeriods}>
                {t(`targets.split.intoPeriods.${tree.period.granularity}`)}
              </Radio>
              <Radio value="children" disabled={!children.length}>
                {t('targets.split.intoChildren')}
              </Radio>
            </Radio.Group>
          </div>
          <div>
            <Typography.Text strong>{t('targets.split.method')}</Typography.Text>
            <Radio.Group
              value={method}
              onChange={(e) => setMethod(e.target.value)}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}
              data-testid="split-method"
            >
              {(['even', 'seasonal', 'weights'] as const).map((m) => (
                <Radio key={m} value={m}>
                  {t(`targets.methods.${m}`)}
                </Radio>
              ))}
            </Radio.Group>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {t(`targets.split.explain.${method}`)}
            </Typography.Paragraph>
          </div>
          <div>
            <Typography.Text strong>{t('targets.split.total')}</Typography.Text>
            <InputNumber<number>
              {...amountInput(unit)}
              value={total === null ? null : toInput(total, unit)}
              onChange={(v) => setTotal(v === null ? null : fromInput(v, unit))}
              style={{ width: '100%', marginTop: 8 }}
              data-testid="split-total"
            />
          </div>
          {method === 'weights' && (
            <Flex vertical gap={6} data-testid="split-weights">
              <Typography.Text strong>{t('targets.split.weights')}</Typography.Text>
              {parts.map((p) => (
                <Flex key={p.key} align="center" gap={8}>
                  <span style={{ flex: 1 }}>{p.name}</span>
                  <InputNumber<number>
                    min={0}
                    max={1_000_000}
                    value={weights[p.key] ?? null}
                    onChange={(v) => setWeights({ ...weights, [p.key]: v ?? 0 })}
                    aria-label={p.name}
                    style={{ width: 120 }}
                  />
                </Flex>
              ))}
            </Flex>
          )}
          <Button type="primary" onClick={propose} loading={split.isPending} data-testid="split-propose">
            {t('targets.split.propose')}
          </Button>
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Table
            size="small"
            rowKey={(c) => `${c.nodeId}@${c.period}`}
            pagination={false}
            dataSource={proposal.cells}
            data-testid="split-parts"
            columns={[
              {
                title: into === 'periods' ? t('targets.split.period') : t('targets.columns.node'),
                key: 'name',
                render: (_v, c) => (into === 'periods' ? periodLabel(c.period, t) : c.name),
              },
              {
                title: t('targets.split.current'),
                key: 'current',
                align: 'right',
                render: (_v, c) => (c.current ? showValue(c.current.value, unit, locale, true) : '—'),
              },
              {
                title: t('targets.split.proposed'),
                key: 'value',
                width: 150,
                render: (_v, _c, i) => (
                  <InputNumber<number>
                    size="small"
                    {...amountInput(unit)}
                    value={toInput(values[i] ?? 0, unit)}
                    onChange={(v) => setValues(values.map((x, j) => (j === i ? fromInput(v ?? 0, unit) : x)))}
                    style={{ width: '100%' }}
                    data-testid="split-value"
                  />
                ),
              },
            ]}
          />
          <Alert
            type={sum === proposal.total ? 'success' : 'warning'}
            showIcon
            data-testid="split-sum"
            message={t(sum === proposal.total ? 'targets.split.adds' : 'targets.split.differs', {
              sum: showValue(sum, unit, locale),
              total: showValue(proposal.total, unit, locale),
            })}
          />
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={2}
            placeholder={t(begun ? 'targets.reasonRequired' : 'targets.reasonOptional')}
            data-testid="split-reason"
          />
        </Flex>
      )}
    </Drawer>
  );
}
