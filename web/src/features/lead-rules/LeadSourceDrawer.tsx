import { App, Col, Divider, Flex, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useIsPhone, useShowProblem } from '../../components';
import {
  asksFor,
  blankSource,
  type FieldAsk,
  isOrigin,
  otherFields,
  type SourceValues,
  sourceBodyOf,
  sourceValuesOf,
} from './intake-values';
import { type LeadSource, type SourceKind, useLeadSourceMutations } from './lead-intake.api';

type Props = {
  source?: LeadSource;
  onClose: () => void;
  /** After a create: the new source, with an API's secret (shown once). */
  onCreated: (source: LeadSource, secret: string | null) => void;
};

const kinds: SourceKind[] = ['web_form', 'api'];
const asks: FieldAsk[] = ['off', 'optional', 'required'];

/** 新建/编辑线索来源: a hosted web form or an inbound API, what it stamps on its leads and what it asks. */
export function LeadSourceDrawer({ source, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SourceValues>();
  const { create, update } = useLeadSourceMutations();
  const showProblem = useShowProblem();
  const phone = useIsPhone();
  const kind: SourceKind = Form.useWatch('kind', form) ?? source?.kind ?? 'web_form';
  const s = (k: string) => t(`leadRules.sources.${k}` as 'leadRules.sources.create');
  const f = (k: string) => t(`leadRules.sources.fields.${k}` as 'leadRules.sources.fields.name');

  // After a version conflict the list reloads: show the stored source.
  const shownVersion = useRef(source?.version);
  useEffect(() => {
    if (!source || source.version === shownVersion.current) return;
    shownVersion.current = source.version;
    form.setFieldsValue(sourceValuesOf(source));
  }, [source, form]);

  const save = async (v: SourceValues) => {
    const body = sourceBodyOf(v, source);
    try {
      if (source) {
        const { kind: _k, ...changes } = body;
        await update.mutateAsync({ source, changes });
        void message.success(s('updated'));
      } else {
        const { secret, ...created } = await create.mutateAsync(body);
        onCreated(created, secret);
      }
      onClose();
    } catch (e) {
      showProblem(e, { form });
    }
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      width={640}
      title={s(source ? 'edit' : 'create')}
      onSubmit={() => form.submit()}
      submitting={create.isPending || update.isPending}
      submitTestId="source-submit"
    >
      <Form<SourceValues>
        form={form}
        layout="vertical"
        initialValues={source ? sourceValuesOf(source) : blankSource('web_form')}
        onValuesChange={(changed: Partial<SourceValues>) => {
          if (changed.kind) form.setFieldValue('asks', asksFor(changed.kind, form.getFieldValue('asks')));
        }}
        // All values, those of fields hidden for this kind too (the body is built whole).
        onFinish={() => void save(form.getFieldsValue(true) as SourceValues)}
        data-testid="source-form"
      >
        {!source && (
          <Form.Item name="kind" label={f('kind')} extra={s(`kindHints.${kind}`)}>
            <Radio.Group
              optionType="button"
              options={kinds.map((k) => ({ value: k, label: s(`kinds.${k}`) }))}
              data-testid="source-kind"
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={f('name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: f('name') }) }]}
        >
          <Input maxLength={60} placeholder={s('namePlaceholder')} data-testid="source-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={f('source')} extra={s('sourceHint')}>
              <Input maxLength={50} placeholder={s('sourcePlaceholder')} data-testid="source-stamp" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="campaign" label={f('campaign')}>
              <Input maxLength={100} placeholder={s('campaignPlaceholder')} data-testid="source-campaign" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="onDuplicate" label={f('onDuplicate')}>
          <Radio.Group
            options={(['flag', 'merge'] as const).map((d) => ({
              value: d,
              label: s(`duplicateOptions.${d}`),
            }))}
            data-testid="source-on-duplicate"
          />
        </Form.Item>

        <Divider titlePlacement="start">{f(kind === 'api' ? 'apiFields' : 'fields')}</Divider>
        <Typography.Paragraph type="secondary">{s(`fieldsHint.${kind}`)}</Typography.Paragraph>
        <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="source-fields">
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text>{t('leads.fields.name')}</Typography.Text>
            <Typography.Text type="secondary">{s('nameAlways')}</Typography.Text>
          </Flex>
          {otherFields.map((field) => (
            <Flex key={field} justify="space-between" align="center" gap={8} wrap={phone}>
              <Typography.Text>{t(`leads.fields.${field}`)}</Typography.Text>
              <Form.Item name={['asks', field]} noStyle>
                <Radio.Group
                  size="small"
                  optionType="button"
                  options={asks
                    .filter((x) => kind === 'web_form' || x !== 'off')
                    .map((x) => ({ value: x, label: s(`asks.${x}`) }))}
                  data-testid={`source-ask-${field}`}
                />
              </Form.Item>
            </Flex>
          ))}
        </Flex>

        {kind === 'web_form' && (
          <>
            <Divider titlePlacement="start">{s('webForm')}</Divider>
            <Form.Item
              name="allowedOrigins"
              label={f('allowedOrigins')}
              extra={s('originsHint')}
              rules={[
                {
                  validator: (_, v: string[] | undefined) =>
                    (v ?? []).every(isOrigin)
                      ? Promise.resolve()
                      : Promise.reject(new Error(s('originInvalid'))),
                },
              ]}
            >
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                maxCount={20}
                placeholder="https://www.example.cn"
                aria-label={f('allowedOrigins')}
                data-testid="source-origins"
              />
            </Form.Item>
            <Form.Item name="thankYou" label={f('thankYou')}>
              <Input.TextArea
                maxLength={500}
                autoSize={{ minRows: 2, maxRows: 4 }}
                placeholder={s('thankYouPlaceholder')}
                data-testid="source-thank-you"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="active" label={f('active')} valuePropName="checked">
          <Switch data-testid="source-active" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
