import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader } from '../../components';
import { PipelineFormDrawer } from './PipelineFormDrawer';
import { PipelineTable } from './PipelineTable';
import { usePipelines } from './pipelines.api';

// By id: after a version conflict the drawer gets the reloaded pipeline.
type Editing = { id?: string } | null;

/** 销售流程 (系统设置): the org's pipelines, default first; each opens in the pipeline editor. */
export function PipelineSettingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [editing, setEditing] = useState<Editing>(null);
  const pipelines = usePipelines();
  const edited = editing?.id ? pipelines.data?.find((p) => p.id === editing.id) : undefined;

  return (
    <>
      <PageHeader
        title={t('pipelineSettings.title')}
        subtitle={t('pipelineSettings.subtitle')}
        extra={
          can('pipeline', 'create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="create-pipeline"
            >
              {t('pipelineSettings.create')}
            </Button>
          )
        }
      />
      <Card>
        {pipelines.isError ? (
          <LoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />
        ) : (
          <PipelineTable
            pipelines={pipelines.data ?? []}
            loading={pipelines.isPending}
            onEdit={(p) => setEditing({ id: p.id })}
          />
        )}
      </Card>
      {editing && (editing.id === undefined || edited) && (
        <PipelineFormDrawer
          pipeline={edited}
          knownKinds={knownKinds(pipelines.data ?? [])}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** The file kinds stages already ask for, so another stage can ask for the same file. */
function knownKinds(
  pipelines: { stages: { gates: { attachments: { kind: string; label: string }[] } }[] }[],
) {
  const kinds = new Map<string, string>();
  for (const p of pipelines)
    for (const s of p.stages)
      for (const a of s.gates.attachments) if (!kinds.has(a.kind)) kinds.set(a.kind, a.label);
  return [...kinds].map(([kind, label]) => ({ kind, label }));
}
