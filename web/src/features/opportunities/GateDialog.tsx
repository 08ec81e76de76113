import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageSpinner, useIsPhone } from '../../components';
import { GateFix } from './GateFixes';
import { type MissingItem, type Stage, useOpportunity } from './opportunities.api';
import { missingKey, missingText } from './words';

type Props = {
  dealId: string;
  target: Stage;
  /** What the server said is missing, stage by stage. */
  missing: MissingItem[];
  /** Moves again (the server checks the gates anew); resolves when done either way. */
  onRetry: () => Promise<void>;
  /** Moves skipping the gates, with the reason (holders of the override right only). */
  onOverride: (reason: string) => Promise<void>;
  onClose: () => void;
  busy: boolean;
};

/**
 * 阶段要求 not met: the server's list of what is missing, each with its fix in place (field, file of
 * that kind, tick, follow-up), then 重新移动. Holders of the override right may 跳过要求 with a reason.
 */
export function GateDialog({ dealId, target, missing, onRetry, onOverride, onClose, busy }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const deal = useOpportunity(dealId);
  const [fixed, setFixed] = useState<Set<string>>(new Set());
  const [overriding, setOverriding] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const stages = new Set(missing.map((m) => m.stageId));
  const left = missing.filter((m) => !fixed.has(missingKey(m))).length;
  const d = deal.data;
  const footer = (
    <Flex gap={8} justify="end" wrap>
      {d?.myAccess.overrideGates && !overriding && (
        <Button danger onClick={() => setOverriding(true)} data-testid="gate-override">
          {t('opportunities.gate.override')}
        </Button>
      )}
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      {overriding ? (
        <Button
          danger
          type="primary"
          loading={busy}
          onClick={() => form.submit()}
          data-testid="gate-override-submit"
        >
          {t('opportunities.gate.overrideSubmit')}
        </Button>
      ) : (
        <Button type="primary" loading={busy} onClick={() => void onRetry()} data-testid="gate-retry">
          {t('opportunities.gate.retry')}
        </Button>
      )}
    </Flex>
  );
  return (
    <Modal
      open
      onCancel={onClose}
      title={t('opportunities.gate.title', { stage: target.name })}
      footer={footer}
      width={phone ? '100%' : 640}
      style={phone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
      data-testid="gate-dialog"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('opportunities.gate.intro')}</Typography.Text>
        {!d ? (
          <PageSpinner />
        ) : (
          missing.map((m) => {
            const key = missingKey(m);
            const done = fixed.has(key);
            return (
              <Flex
                key={key}
                vertical
                gap={8}
                style={{ padding: 12, border: '1px solid rgba(5,5,5,0.08)', borderRadius: 8 }}
                data-testid="gate-item"
                data-type={m.type}
                data-done={done}
              >
                <Flex gap={8} align="center" wrap>
                  {done && <CheckCircleFilled style={{ color: '#52c41a' }} />}
                  {/* An item to tick is its own checkbox below, unless done. */}
                  {(done || m.type !== 'checklist') && (
                    <Typography.Text strong delete={done} style={{ wordBreak: 'break-word' }}>
                      {missingText(t, m)}
                    </Typography.Text>
                  )}
                  {stages.size > 1 && (
                    <Tag style={{ marginInlineEnd: 0 }}>
                      {t('opportunities.gate.forStage', { stage: m.stageName })}
                    </Tag>
                  )}
                  {done && <Tag color="green">{t('opportunities.gate.fixed')}</Tag>}
                </Flex>
                {!done && <GateFix deal={d} item={m} onFixed={() => setFixed((s) => new Set(s).add(key))} />}
              </Flex>
            );
          })
        )}
        {left > 0 && fixed.size > 0 && (
          <Typography.Text type="secondary">
            {t('opportunities.gate.stillMissing', { count: left })}
          </Typography.Text>
        )}
        {overriding && (
          <Alert
            type="warning"
            showIcon
            title={t('opportunities.gate.overrideTitle')}
            description={
              <Form form={form} layout="vertical" onFinish={(v) => void onOverride(v.reason.trim())}>
                <Typography.Paragraph type="secondary">
                  {t('opportunities.gate.overrideHint')}
                </Typography.Paragraph>
                <Form.Item
                  name="reason"
                  label={t('opportunities.gate.overrideReason')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      min: 2,
                      message: t('opportunities.gate.overrideReasonRequired'),
                    },
                  ]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea rows={2} maxLength={500} data-testid="gate-override-reason" />
                </Form.Item>
              </Form>
            }
          />
        )}
      </Flex>
    </Modal>
  );
}
