import { Alert, Button, Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone, useShowProblem } from '../../components';
import { DealOptions, dealOptionsOf } from './DealOptions';
import { type DealImportOptions, type ImportView, useImportSteps } from './imports.api';
import { useImportText } from './object-text';

type Row = { index: number; header: string; samples: string[] };

/** 字段匹配: each column of the file → a field (matched from the headers; the user corrects it). */
export function MappingStep({ imp, onChecked }: { imp: ImportView; onChecked: () => void }) {
  const { t } = useTranslation();
  const { check } = useImportSteps();
  const phone = useIsPhone();
  const showProblem = useShowProblem();
  const [mapping, setMapping] = useState<Record<string, string>>(imp.mapping);
  const [options, setOptions] = useState<DealImportOptions>(imp.options as DealImportOptions);
  const deals = imp.object === 'opportunity';
  const text = useImportText(imp.object);
  const used = new Set(Object.values(mapping));
  // The server's rule: a file mapping only standalone fields (users: just 部门) needs no required one.
  const standalone = used.size > 0 && imp.fields.filter((f) => used.has(f.key)).every((f) => f.standalone);
  const missing = standalone ? [] : imp.fields.filter((f) => f.required && !used.has(f.key));
  const groups = (['record', 'contact', 'custom'] as const)
    .map((g) => ({
      label: text.group(g),
      options: imp.fields
        .filter((f) => f.group === g)
        .map((f) => ({
          value: f.key,
          label: f.label,
          disabled: used.has(f.key) && !Object.values(mapping).includes(''),
        })),
    }))
    .filter((g) => g.options.length);
  const rows: Row[] = imp.headers.map((header, index) => ({
    index,
    header,
    samples: imp.sample
      .map((r) => r[index] ?? '')
      .filter(Boolean)
      .slice(0, 2),
  }));
  const set = (index: number, key: string | undefined) =>
    setMapping((m) => {
      const next = { ...m };
      if (key) next[index] = key;
      else delete next[index];
      return next;
    });
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('imports.mapping.intro', { rows: imp.totalRows.toLocaleString() })}
      </Typography.Paragraph>
      <Table<Row>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={phone ? undefined : { x: 560 }}
        // On a phone the columns share the card's width: a long field (进入“需求确认”日期) shortens in its
        // select instead of pushing the table past the card.
        tableLayout={phone ? 'fixed' : undefined}
        data-testid="import-mapping"
        columns={[
          {
            title: t('imports.mapping.column'),
            dataIndex: 'header',
            width: phone ? undefined : 180,
            render: (h: string, r) => (
              <>
                {h || t('imports.mapping.unnamed', { n: r.index + 1 })}
                {phone && r.samples[0] && (
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block', maxWidth: 150 }}>
                    {r.samples[0]}
                  </Typography.Text>
                )}
              </>
            ),
          },
          ...(phone
            ? []
            : [
                {
                  title: t('imports.mapping.sample'),
                  key: 'samples',
                  ellipsis: true,
                  render: (_: unknown, r: Row) => (
                    <Typography.Text type="secondary">{r.samples.join(' / ') || '—'}</Typography.Text>
                  ),
                },
              ]),
          {
            title: t('imports.mapping.field'),
            key: 'field',
            width: phone ? 170 : 220,
            render: (_, r) => (
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('imports.mapping.ignore')}
                value={mapping[r.index]}
                onChange={(v) => set(r.index, v)}
                options={groups.map((g) => ({
                  ...g,
                  options: g.options.map((o) => ({
                    ...o,
                    disabled: used.has(o.value) && mapping[r.index] !== o.value,
                  })),
                }))}
                data-testid={`map-${r.index}`}
              />
            ),
          },
        ]}
      />
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          message={t('imports.mapping.missing', { fields: missing.map((f) => f.label).join('、') })}
        />
      )}
      {deals && <DealOptions value={options} onChange={setOptions} />}
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        <Button
          type="primary"
          disabled={missing.length > 0}
          loading={check.isPending}
          onClick={() =>
            check.mutate(
              { id: imp.id, mapping, options: deals ? dealOptionsOf(options) : undefined },
              { onSuccess: onChecked, onError: (e) => showProblem(e) },
            )
          }
          data-testid="import-check"
        >
          {t('imports.mapping.check')}
        </Button>
      </Flex>
    </>
  );
}
