import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LoadError, PageSpinner, useShowProblem } from '../../components';
import { type LeadSource, useLeadSourceMutations, useLeadSources } from './lead-intake.api';
import { SourceAccess } from './SourceAccess';

type Props = {
  onEdit: (s: LeadSource) => void;
  /** A new secret to show once. */
  onSecret: (s: LeadSource, secret: string) => void;
};

/** 线索来源: each web form or inbound API with how to reach it, its switch, edit and delete. */
export function LeadSourcesTab({ onEdit, onSecret }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const sources = useLeadSources();
  const { update, remove, rotate } = useLeadSourceMutations();
  const showProblem = useShowProblem();
  const mayEdit = can('lead_rule', 'update');
  const mayDelete = can('lead_rule', 'delete');
  const s = (k: string, o?: Record<string, unknown>) =>
    t(`leadRules.sources.${k}` as 'leadRules.sources.create', o);

  if (sources.isError) return <LoadError error={sources.error} onRetry={() => void sources.refetch()} />;
  if (!sources.data) return <PageSpinner />;

  const toggle = (source: LeadSource, active: boolean) =>
    update.mutate(
      { source, changes: { active } },
      {
        onSuccess: () => void message.success(s(active ? 'switchedOn' : 'switchedOff')),
        onError: (e) => showProblem(e),
      },
    );
  const del = (source: LeadSource) =>
    remove.mutate(source, {
      onSuccess: () => void message.success(s('deleted')),
      onError: (e) => showProblem(e),
    });
  const reset = (source: LeadSource) =>
    rotate.mutate(source, {
      onSuccess: (r) => onSecret(source, r.secret),
      onError: (e) => showProblem(e),
    });

  return (
    <>
      <Alert type="info" showIcon title={s('help')} style={{ marginBottom: 12 }} />
      {sources.data.length === 0 && <Empty description={s('empty')} />}
      <Row gutter={[16, 16]} data-testid="source-list">
        {sources.data.map((source) => (
          <Col key={source.id} xs={24} xl={12}>
            <Card
              size="small"
              data-testid="source-card"
              title={
                <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                  <Tag color={source.kind === 'api' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
                    {s(`kinds.${source.kind}`)}
                  </Tag>
                  <Typography.Text strong ellipsis>
                    {source.name}
                  </Typography.Text>
                </Flex>
              }
              extra={
                <Switch
                  checked={source.active}
                  disabled={!mayEdit}
                  loading={update.isPending && update.variables?.source.id === source.id}
                  onChange={(on) => toggle(source, on)}
                  aria-label={s('fields.active')}
                  data-testid="source-toggle"
                />
              }
            >
              <Flex vertical gap={10}>
                <Flex vertical gap={2}>
                  <Typography.Text>
                    {s('stamp', {
                      source: source.source || s('none'),
                      campaign: source.campaign || s('none'),
                    })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {s(`duplicate.${source.onDuplicate}`)}
                    {source.kind === 'web_form' && ` · ${s('spam', { count: source.spamCount })}`}
                  </Typography.Text>
                </Flex>
                <SourceAccess
                  source={source}
                  mayRotate={mayEdit}
                  rotating={rotate.isPending && rotate.variables?.id === source.id}
                  onRotate={() => reset(source)}
                />
                {(mayEdit || mayDelete) && (
                  <Flex gap={8} justify="flex-end">
                    {mayEdit && (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => onEdit(source)}
                        data-testid="edit-source"
                      >
                        {t('common.edit')}
                      </Button>
                    )}
                    {mayDelete && (
                      <Popconfirm
                        title={s(`deleteConfirm.${source.kind}`, { name: source.name })}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => del(source)}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-source">
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Flex>
                )}
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
