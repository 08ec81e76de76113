import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { nameTaken } from './form-values';
import { GatesEditor } from './GatesEditor';
import { stageCategories } from './pipelines.api';
import type { KnownKind } from './StagesEditor';

type Props = { name: number; knownKinds: KnownKind[] };

/** One stage's settings: name, 赢率, 预测分类, 跟进频率, 停滞天数 and its requirements. */
export function StageFields({ name, knownKinds }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const category = Form.useWatch(['stages', name, 'category'], form);
  // A closed deal takes no follow-ups and never stalls; moving into a lost stage checks nothing.
  const closed = category === 'closed_won' || category === 'closed_lost';
  const s = (k: 'name' | 'probability' | 'category' | 'cadenceDays' | 'stalledDays') =>
    t(`pipelineSettings.stage.${k}`);
  const days = (testId: string) => (
    <InputNumber<number>
      min={1}
      max={365}
      precision={0}
      suffix={t('pipelineSettings.stage.daysUnit')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item
            name={[name, 'name']}
            label={s('name')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: s('name') }) },
              {
                validator: async (_, value: string | undefined) => {
                  if (value && nameTaken(form.getFieldValue('stages') ?? [], name, value))
                    throw new Error(t('pipelineSettings.errors.duplicateName'));
                },
              },
            ]}
          >
            <Input maxLength={30} data-testid="stage-name" />
          </Form.Item>
        </Col>
        <Col xs={10} sm={6}>
          <Form.Item
            name={[name, 'probability']}
            label={s('probability')}
            rules={[{ required: true, message: t('common.required', { field: s('probability') }) }]}
          >
            <InputNumber<number>
              min={0}
              max={100}
              precision={0}
              suffix="%"
              style={{ width: '100%' }}
              data-testid="stage-probability"
            />
          </Form.Item>
        </Col>
        <Col xs={14} sm={8}>
          <Form.Item
            name={[name, 'category']}
            label={s('category')}
            tooltip={t('pipelineSettings.stage.categoryHint')}
          >
            <Select
              options={stageCategories.map((c) => ({
                value: c,
                label: t(`pipelineSettings.categories.${c}`),
              }))}
              data-testid="stage-category"
            />
          </Form.Item>
        </Col>
        {!closed && (
          <>
            <Col xs={12} sm={12}>
              <Form.Item
                name={[name, 'cadenceDays']}
                label={s('cadenceDays')}
                tooltip={t('pipelineSettings.stage.cadenceHint')}
              >
                {days('stage-cadence')}
              </Form.Item>
            </Col>
            <Col xs={12} sm={12}>
              <Form.Item
                name={[name, 'stalledDays']}
                label={s('stalledDays')}
                tooltip={t('pipelineSettings.stage.stalledHint')}
              >
                {days('stage-stalled')}
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      {category === 'closed_lost' ? (
        <Typography.Text type="secondary">{t('pipelineSettings.gates.lostNoGates')}</Typography.Text>
      ) : (
        <GatesEditor name={name} knownKinds={knownKinds} />
      )}
    </>
  );
}
