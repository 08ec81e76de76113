import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Empty, Flex, Input, Row, Segmented, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader, useShowProblem } from '../../components';
import { usePipelines } from '../opportunities/opportunities.api';
import { ScriptCard } from './ScriptCard';
import { ScriptFormDrawer } from './ScriptFormDrawer';
import { choices, stageNames } from './script-lists';
import {
  listLimit,
  type Script,
  type ScriptSort,
  sorts,
  useScriptMutations,
  useScripts,
} from './scripts.api';

/** 话术库: find a script by words or pinyin, scenario or tag; copy, rate; managers write them. */
export function ScriptsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const showProblem = useShowProblem();
  const [q, setQ] = useState('');
  const [scenario, setScenario] = useState<string>();
  const [tag, setTag] = useState<string>();
  const [sort, setSort] = useState<ScriptSort>('-useCount');
  const [editing, setEditing] = useState<Script | null | undefined>(undefined);
  const list = useScripts({ q: q || undefined, scenario, tag, sort, limit: listLimit });
  // The filters offer what the library holds (its first page, most used first: the unfiltered list's own request).
  const all = useScripts({ sort: '-useCount', limit: listLimit });
  const pipelines = usePipelines();
  const { remove } = useScriptMutations();
  const scenarios = choices((all.data ?? []).map((s) => s.scenario));
  const tags = choices((all.data ?? []).flatMap((s) => s.tags));
  const rows = list.data ?? [];

  const confirmDelete = (s: Script) =>
    void modal.confirm({
      title: t('scripts.deleteConfirm', { title: s.title }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove.mutateAsync(s);
          void message.success(t('scripts.deleted'));
        } catch (e) {
          showProblem(e, { onConflict: () => void list.refetch() });
        }
      },
    });

  return (
    <>
      <PageHeader
        title={t('scripts.title')}
        subtitle={t('scripts.subtitle')}
        extra={
          can('script', 'create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="script-new"
            >
              {t('scripts.create')}
            </Button>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('scripts.search')}
          onSearch={(v) => setQ(v.trim())}
          onChange={(e) => {
            if (!e.target.value) setQ('');
          }}
          onBlur={(e) => setQ(e.target.value.trim())}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
          data-testid="script-search"
        />
        <Select
          allowClear
          value={scenario}
          onChange={setScenario}
          placeholder={t('scripts.allScenarios')}
          options={scenarios.map((s) => ({ value: s, label: s }))}
          style={{ flex: '1 1 140px', maxWidth: 200 }}
          data-testid="script-scenario-filter"
        />
        <Select
          allowClear
          value={tag}
          onChange={setTag}
          placeholder={t('scripts.allTags')}
          options={tags.map((s) => ({ value: s, label: s }))}
          style={{ flex: '1 1 140px', maxWidth: 200 }}
          data-testid="script-tag-filter"
        />
        <Segmented<ScriptSort>
          value={sort}
          onChange={setSort}
          options={sorts.map((s) => ({ value: s, label: t(`scripts.sort.${s}`) }))}
          data-testid="script-sort"
        />
      </Flex>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : !rows.length ? (
        <Empty description={t('scripts.empty')} style={{ padding: 32 }}>
          {(q || scenario || tag) && t('scripts.emptyHint')}
        </Empty>
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]} data-testid="script-list">
            {rows.map((s) => (
              <Col key={s.id} xs={24} lg={12} xxl={8}>
                <ScriptCard
                  script={s}
                  stages={stageNames(s.stageIds, pipelines.data?.data ?? [])}
                  onEdit={can('script', 'update') ? setEditing : undefined}
                  onDelete={can('script', 'delete') ? confirmDelete : undefined}
                />
              </Col>
            ))}
          </Row>
          {rows.length >= listLimit && (
            <Alert type="info" showIcon title={t('scripts.capped', { count: listLimit })} />
          )}
        </Flex>
      )}
      <ScriptFormDrawer
        open={editing !== undefined}
        script={editing ?? null}
        scenarios={scenarios}
        tags={tags}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
