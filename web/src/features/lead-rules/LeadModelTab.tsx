import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ApiProblem } from '../../app/problem';
import { LoadError, PageSpinner, Time, useShowProblem } from '../../components';
import { type AucReading, aucReading, mayEnable } from './intake-values';
import { useLeadModel, useLeadModelMutations } from './lead-intake.api';

const readingColor: Record<AucReading, string> = {
  worse: 'red',
  chance: 'default',
  weak: 'orange',
  useful: 'blue',
  good: 'green',
};

const tooLittleHistory = (e: unknown) => e instanceof ApiProblem && e.code === 'lead_model_history';

/** 学习评分: off by default; the admin trains it, reads how well it ranks leads it has not seen, switches it on. */
export function LeadModelTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const model = useLeadModel();
  const { train, toggle } = useLeadModelMutations();
  const showProblem = useShowProblem();
  const mayChange = can('lead_rule', 'update');
  const m = (k: string, o?: Record<string, unknown>) =>
    t(`leadRules.model.${k}` as 'leadRules.model.title', o);

  if (model.isError) return <LoadError error={model.error} onRetry={() => void model.refetch()} />;
  if (!model.data) return <PageSpinner />;
  const status = model.data;

  const runTraining = () =>
    train.mutate(undefined, {
      onSuccess: () => void message.success(m('trained')),
      // Too little history is said beside the button (it stays true until more leads close).
      onError: (e) => {
        if (!tooLittleHistory(e)) showProblem(e);
      },
    });
  const switchTo = (enabled: boolean) =>
    toggle.mutate(
      { model: status, enabled },
      {
        onSuccess: () => void message.success(m(enabled ? 'switchedOn' : 'switchedOff')),
        onError: (e) => showProblem(e),
      },
    );

  const reading = status.auc === null ? null : aucReading(status.auc);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }} data-testid="lead-model">
      <Alert type="info" showIcon title={m('help')} />
      <Descriptions
        bordered
        column={1}
        size="small"
        items={[
          {
            key: 'enabled',
            label: m('enabled'),
            children: (
              <Flex gap={8} align="center" wrap>
                <Switch
                  checked={status.enabled}
                  disabled={!mayChange || !mayEnable(status)}
                  loading={toggle.isPending}
                  onChange={switchTo}
                  aria-label={m('enabled')}
                  data-testid="lead-model-toggle"
                />
                <Typography.Text type="secondary">
                  {m(status.enabled ? 'onHint' : mayEnable(status) ? 'offHint' : 'untrainedHint')}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'trainedAt',
            label: m('trainedAt'),
            children: status.trainedAt === null ? m('never') : <Time ms={status.trainedAt} />,
          },
          {
            key: 'samples',
            label: m('samples'),
            children:
              status.trainedAt === null
                ? '—'
                : m('samplesText', { samples: status.samples, converted: status.converted }),
          },
          {
            key: 'auc',
            label: m('auc'),
            children:
              status.auc === null || reading === null ? (
                '—'
              ) : (
                <Flex vertical gap={4} data-testid="lead-model-auc">
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{status.auc.toFixed(2)}</Typography.Text>
                    <Tag color={readingColor[reading]}>{m(`reading.${reading}`)}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">{m('aucHint')}</Typography.Text>
                </Flex>
              ),
          },
        ]}
      />
      {mayChange && (
        <Flex vertical gap={4} align="flex-start">
          <Button
            icon={<ExperimentOutlined />}
            onClick={runTraining}
            loading={train.isPending}
            data-testid="lead-model-train"
          >
            {m(status.trainedAt === null ? 'train' : 'retrain')}
          </Button>
          <Typography.Text type="secondary">{m('trainHint', { min: status.minExamples })}</Typography.Text>
        </Flex>
      )}
      {tooLittleHistory(train.error) && (
        <Alert
          type="warning"
          showIcon
          title={(train.error as ApiProblem).title}
          description={m('historyHint')}
          data-testid="lead-model-history"
        />
      )}
    </Flex>
  );
}
