import { DownloadOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  Col,
  Flex,
  Input,
  Progress,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone, useShowProblem } from '../../components';
import { downloadFile } from './download';
import {
  type ImportIssue,
  type ImportStamp,
  type ImportView,
  type Policy,
  useImportIssues,
  useImportSteps,
} from './imports.api';
import { useImportText } from './object-text';
import { stampOf } from './stamp';

const kindColor: Record<string, string> = {
  error: 'red',
  file_duplicate: 'orange',
  db_duplicate: 'gold',
  similar: 'blue',
};

/** 预览校验: the dry run's counts, every row's finding, the duplicate policy and the go. */
export function PreviewStep({ imp, onRemap }: { imp: ImportView; onRemap: () => void }) {
  const { t } = useTranslation();
  const { run } = useImportSteps();
  const phone = useIsPhone();
  const showProblem = useShowProblem();
  const issues = useImportIssues(imp.id, imp.status === 'checked');
  const text = useImportText(imp.object);
  const [policy, setPolicy] = useState<Policy>('skip');
  const [importSimilar, setImportSimilar] = useState(false);
  const [stamp, setStamp] = useState<ImportStamp>({});
  const s = imp.summary;
  if (imp.status === 'checking' || !s)
    return (
      <Flex vertical align="center" gap={12} style={{ padding: 32 }} data-testid="import-checking">
        <Progress type="circle" percent={Math.floor((100 * imp.checkedRows) / Math.max(1, imp.totalRows))} />
        <Typography.Text>
          {t('imports.preview.checking', { done: imp.checkedRows, total: imp.totalRows })}
        </Typography.Text>
      </Flex>
    );
  const importable = s.valid + (policy === 'skip' ? 0 : s.dbDuplicates) + (importSimilar ? s.similar : 0);
  const stats = [
    ['rows', s.rows],
    ['valid', s.valid],
    ['errors', s.errors],
    ['fileDuplicates', s.fileDuplicates],
    ['dbDuplicates', s.dbDuplicates],
    ['similar', s.similar],
    ['empty', s.empty],
  ].filter(([k]) => !(text.onlyExact && k === 'similar')) as [keyof typeof s, number][];
  return (
    <>
      <Row gutter={[16, 16]} data-testid="import-summary">
        {stats.map(([k, n]) => (
          <Col key={k} xs={12} sm={8} md={6} lg={3}>
            <Statistic title={t(`imports.summary.${k}`)} value={n} />
          </Col>
        ))}
      </Row>
      <Table<ImportIssue>
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(r) => `${r.rowNo}-${r.kind}-${r.field ?? ''}-${r.message}`}
        loading={issues.isPending}
        dataSource={issues.data?.data ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        // On a phone the finding takes the width (read without scrolling sideways); the row's content
        // is in the check report.
        scroll={phone ? undefined : { x: 640 }}
        locale={{ emptyText: t('imports.preview.noIssues') }}
        data-testid="import-issues"
        columns={[
          { title: t('imports.preview.row'), dataIndex: 'rowNo', width: phone ? 56 : 70 },
          {
            title: t('imports.preview.kind'),
            dataIndex: 'kind',
            width: phone ? undefined : 120,
            render: (k: string) => (
              <Tag color={kindColor[k]} style={{ marginInlineEnd: 0 }}>
                {t(`imports.kinds.${k}`, { defaultValue: k })}
              </Tag>
            ),
          },
          { title: t('imports.preview.message'), dataIndex: 'message' },
          ...(phone
            ? []
            : [
                {
                  title: t('imports.preview.content'),
                  key: 'cells',
                  ellipsis: true,
                  render: (_: unknown, r: ImportIssue) => r.cells.filter(Boolean).join(' | '),
                },
              ]),
        ]}
      />
      {issues.data?.nextCursor && (
        <Typography.Text type="secondary">{t('imports.preview.moreInReport')}</Typography.Text>
      )}
      {/* Only when something already exists (antd's Flex shows despite `hidden`). */}
      {(s.dbDuplicates > 0 || s.similar > 0) && (
        <Flex vertical gap={12} style={{ marginTop: 24 }}>
          <Typography.Text strong hidden={s.dbDuplicates === 0}>
            {text.policyTitle(s.dbDuplicates)}
          </Typography.Text>
          <Radio.Group
            value={policy}
            onChange={(e) => setPolicy(e.target.value as Policy)}
            data-testid="import-policy"
          >
            <Space direction="vertical">
              <Radio value="skip">{text.skip}</Radio>
              {text.merge && <Radio value="merge">{text.merge}</Radio>}
              {!text.onlyExact && (
                <Radio value="create" disabled={!imp.canCreateDuplicates}>
                  {text.create}
                  {!imp.canCreateDuplicates && (
                    <Typography.Text type="secondary"> {t('imports.policy.createForbidden')}</Typography.Text>
                  )}
                </Radio>
              )}
            </Space>
          </Radio.Group>
          {s.similar > 0 && (
            <Checkbox checked={importSimilar} onChange={(e) => setImportSimilar(e.target.checked)}>
              {t('imports.policy.similar', { count: s.similar })}
            </Checkbox>
          )}
        </Flex>
      )}
      {text.stamps && (
        <Flex vertical gap={8} style={{ marginTop: 24, maxWidth: 560 }} data-testid="import-stamp">
          <Typography.Text strong>{t('imports.leads.stampTitle')}</Typography.Text>
          <Typography.Text type="secondary">{t('imports.leads.stampHint')}</Typography.Text>
          <Row gutter={[12, 8]}>
            <Col xs={24} sm={12}>
              <Typography.Text type="secondary">{t('imports.leads.source')}</Typography.Text>
              <Input
                maxLength={50}
                aria-label={t('imports.leads.source')}
                placeholder={t('imports.leads.sourcePlaceholder')}
                value={stamp.source}
                onChange={(e) => setStamp({ ...stamp, source: e.target.value })}
                data-testid="import-stamp-source"
              />
            </Col>
            <Col xs={24} sm={12}>
              <Typography.Text type="secondary">{t('imports.leads.campaign')}</Typography.Text>
              <Input
                maxLength={100}
                aria-label={t('imports.leads.campaign')}
                placeholder={t('imports.leads.campaignPlaceholder')}
                value={stamp.campaign}
                onChange={(e) => setStamp({ ...stamp, campaign: e.target.value })}
                data-testid="import-stamp-campaign"
              />
            </Col>
          </Row>
        </Flex>
      )}
      <Flex justify="space-between" wrap gap={8} style={{ marginTop: 24 }}>
        <Space wrap>
          <Button onClick={onRemap}>{t('imports.preview.remap')}</Button>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              downloadFile(`/api/v1/imports/${imp.id}/report?format=xlsx`, 'report.xlsx').catch(showProblem)
            }
            data-testid="import-check-report"
          >
            {t('imports.preview.report')}
          </Button>
        </Space>
        <Button
          type="primary"
          disabled={importable === 0}
          loading={run.isPending}
          onClick={() =>
            run.mutate(
              { id: imp.id, policy, importSimilar, stamp: text.stamps ? stampOf(stamp) : undefined },
              { onError: (e) => showProblem(e) },
            )
          }
          data-testid="import-run"
        >
          {t('imports.preview.run', { count: importable })}
        </Button>
      </Flex>
    </>
  );
}
