import { DeleteOutlined, EditOutlined, RightOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Dropdown, Flex, Modal, Result, Row, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiProblem } from '../../app/problem';
import { LoadError, PageHeader, PageSpinner, useShowProblem } from '../../components';
import { AttachmentsPanel } from '../attachments';
import { FollowUpForm, FollowUpList } from '../follow-ups';
import { DealScripts } from '../scripts';
import { DealFormDrawer } from './DealFormDrawer';
import { DealProfile } from './DealProfile';
import { NextRequirements } from './NextRequirements';
import {
  type OpportunityDetail,
  type Pipeline,
  useOpportunity,
  useOpportunityMutations,
  usePipelines,
} from './opportunities.api';
import { StageHistory } from './StageHistory';
import { StageSteps } from './StageSteps';
import { useStageMove } from './use-stage-move';
import { nextStageOf } from './words';

/** 跟进记录 of a deal: 写跟进 while it is open and the viewer may change it, then the log. */
function DealFollowUps({ deal, pipeline }: { deal: OpportunityDetail; pipeline: Pipeline }) {
  const { t } = useTranslation();
  const cadence = pipeline.stages.find((s) => s.id === deal.stageId)?.cadenceDays ?? null;
  return (
    <Flex vertical gap={12}>
      {deal.status !== 'open' ? (
        <Alert type="info" showIcon title={t('opportunities.followUpClosed')} />
      ) : deal.myAccess.update ? (
        <FollowUpForm object="opportunity" recordId={deal.id} cadenceDays={cadence} />
      ) : (
        <Alert type="info" showIcon title={t('opportunities.followUpReadOnly')} />
      )}
      <FollowUpList object="opportunity" recordId={deal.id} />
    </Flex>
  );
}

/** 商机详情: stage bar, key fields, what the next stage needs, and 跟进记录 · 附件 · 阶段记录. */
export function OpportunityPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { message } = App.useApp();
  const [modal, modalHolder] = Modal.useModal();
  const deal = useOpportunity(id);
  const pipelines = usePipelines();
  const { remove } = useOpportunityMutations();
  const { request, dialogs, moving } = useStageMove();
  const showProblem = useShowProblem();
  const [editing, setEditing] = useState(false);
  const editOpen = editing || params.get('edit') === '1';
  const closeEdit = () => {
    setEditing(false);
    if (params.has('edit')) setParams({}, { replace: true });
  };

  if (deal.isPending || pipelines.isPending) return <PageSpinner />;
  if (deal.isError) {
    if (deal.error instanceof ApiProblem && deal.error.status === 404)
      return (
        <Result
          status="404"
          title={t('opportunities.notFoundTitle')}
          extra={
            <Link to="/opportunities">
              <Button type="primary">{t('opportunities.backToList')}</Button>
            </Link>
          }
        />
      );
    return <LoadError error={deal.error} onRetry={() => void deal.refetch()} />;
  }
  if (pipelines.isError)
    return <LoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  const d = deal.data;
  const pipeline = pipelines.data.data.find((p) => p.id === d.pipelineId);
  if (!pipeline) return <LoadError error={new Error('pipeline')} onRetry={() => void pipelines.refetch()} />;
  const stage = pipeline.stages.find((s) => s.id === d.stageId);
  const next = nextStageOf(pipeline, d);
  const others = [...pipeline.stages]
    .sort((a, b) => a.position - b.position)
    .filter((s) => s.id !== d.stageId);
  const kinds = pipeline.stages
    .flatMap((s) => s.gates.attachments)
    .filter((a, i, all) => all.findIndex((b) => b.kind === a.kind) === i);

  const confirmDelete = () =>
    void modal.confirm({
      title: t('opportunities.deleteConfirm', { name: d.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove.mutateAsync(d);
          void message.success(t('opportunities.deleted'));
          navigate('/opportunities');
        } catch (e) {
          showProblem(e, { onConflict: () => void deal.refetch() });
        }
      },
    });

  return (
    <>
      {modalHolder}
      {dialogs}
      <PageHeader
        title={<span style={{ wordBreak: 'break-word' }}>{d.name}</span>}
        subtitle={<Link to={`/customers/${d.customerId}`}>{d.customerName}</Link>}
        extra={
          d.myAccess.update && (
            <>
              {/* Waiting on an approval: the stage stays until it ends (审批中 links to it). */}
              {next && !d.pendingApproval && (
                <Button
                  type="primary"
                  icon={<RightOutlined />}
                  loading={moving}
                  onClick={() => request(d, next)}
                  data-testid="deal-next-stage"
                >
                  {t('opportunities.nextStage', { stage: next.name })}
                </Button>
              )}
              <Dropdown
                trigger={['click']}
                disabled={!!d.pendingApproval}
                menu={{
                  items: others.map((s) => ({ key: s.id, label: s.name })),
                  onClick: ({ key }) => {
                    const target = others.find((s) => s.id === key);
                    if (target) request(d, target);
                  },
                }}
              >
                <Button
                  icon={<SwapOutlined />}
                  disabled={!!d.pendingApproval}
                  data-testid="deal-change-stage"
                >
                  {t('opportunities.changeStage')}
                </Button>
              </Dropdown>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-deal">
                {t('common.edit')}
              </Button>
              {d.myAccess.delete && (
                <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="delete-deal">
                  {t('common.delete')}
                </Button>
              )}
            </>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <StageSteps pipeline={pipeline} deal={d} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card title={t('opportunities.profile')}>
              <DealProfile deal={d} stage={stage} />
            </Card>
            <Card title={t('opportunities.requirements.title')} data-testid="requirements-card">
              {next ? <NextRequirements deal={d} next={next} /> : t('opportunities.requirements.closed')}
            </Card>
            {stage && <DealScripts stageId={stage.id} stageName={stage.name} />}
          </Flex>
        </Col>
        <Col xs={24} lg={15}>
          <Card>
            <Tabs
              items={[
                {
                  key: 'follow-ups',
                  label: t('opportunities.tabs.followUps'),
                  children: <DealFollowUps deal={d} pipeline={pipeline} />,
                },
                {
                  key: 'attachments',
                  label: t('opportunities.tabs.attachments'),
                  children: (
                    <AttachmentsPanel
                      object="opportunity"
                      recordId={d.id}
                      canEdit={d.myAccess.update}
                      kinds={kinds}
                    />
                  ),
                },
                {
                  key: 'history',
                  label: t('opportunities.tabs.history'),
                  children: <StageHistory dealId={d.id} />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <DealFormDrawer open={editOpen} dealId={d.id} onClose={closeEdit} />
    </>
  );
}
