import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageHeader } from '../../components';
import { usePipelines } from '../pipeline-settings/pipelines.api';
import { DefinitionFormDrawer } from './DefinitionFormDrawer';
import { DefinitionTable } from './DefinitionTable';
import { useDefinitions } from './definitions.api';

// By id: after a version conflict the drawer gets the reloaded flow.
type Editing = { id?: string } | null;

/** 审批流程 (系统): which deal moves need approval, on what conditions, and who approves, step by step. */
export function ApprovalFlowsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const definitions = useDefinitions();
  const pipelines = usePipelines();
  const [editing, setEditing] = useState<Editing>(null);
  const edited = definitions.data?.find((d) => d.id === editing?.id);
  const failed = definitions.isError ? definitions : pipelines.isError ? pipelines : null;

  return (
    <>
      <PageHeader
        title={t('approvalFlows.title')}
        subtitle={t('approvalFlows.subtitle')}
        extra={
          can('approval_definition', 'create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              disabled={!pipelines.data}
              data-testid="create-flow"
            >
              {t('approvalFlows.create')}
            </Button>
          )
        }
      />
      <Card>
        {failed ? (
          <LoadError error={failed.error} onRetry={() => void failed.refetch()} />
        ) : (
          <DefinitionTable
            definitions={definitions.data ?? []}
            pipelines={pipelines.data ?? []}
            loading={definitions.isPending || pipelines.isPending}
            onEdit={(d) => setEditing({ id: d.id })}
          />
        )}
      </Card>
      {editing && pipelines.data && (
        <DefinitionFormDrawer
          definition={edited}
          pipelines={pipelines.data}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
