import { Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { choicesOf } from '../custom-fields/labels';
import { leadChannels } from '../leads/statuses';
import { customKeyOf, isCustomField, opsFor, valueKindOf } from './conditions';
import { conditionOf } from './form-values';
import { useConditionWords, useFieldOptions, useLeadCustomFields } from './labels';
import type { ConditionOp } from './lead-rules.api';

type Name = (string | number)[];
type Props = {
  /** Where the condition sits in the form: [] for a score rule, ['conditions', i] for an assignment rule. */
  path: Name;
  /** The same place relative to the enclosing Form.List ([i]), or the path itself outside one. */
  name: Name;
  /** Assignment rules may test the score too. */
  withScore?: boolean;
  testId: string;
};

const wordSeparators = [',', '，', '、', ';', '；'];

/** One condition: the field, the operator that fits it, and values that fit the operator. */
export function ConditionInputs({ path, name, withScore = false, testId }: Props) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const fieldOptions = useFieldOptions(withScore);
  const custom = useLeadCustomFields();
  const words = useConditionWords();
  const field = Form.useWatch<string | undefined>([...path, 'field'], form);
  const op = Form.useWatch<ConditionOp | undefined>([...path, 'op'], form);
  const values = Form.useWatch([...path, 'words'], form) as string[] | undefined;
  const number = Form.useWatch([...path, 'number'], form) as number | null | undefined;
  const def = field && isCustomField(field) ? custom.get(customKeyOf(field)) : undefined;
  const c = (k: string) => t(`leadRules.condition.${k}` as 'leadRules.condition.field');

  // A field offers only the operators that work on it; the values start again with a new kind.
  const onField = (next: string) => {
    const d = isCustomField(next) ? custom.get(customKeyOf(next)) : undefined;
    const ops = opsFor(next, d?.type);
    const keep = op && ops.includes(op);
    form.setFieldValue([...path, 'op'], keep ? op : ops[0]);
    form.setFieldValue([...path, 'words'], []);
  };
  const onOp = (next: ConditionOp) => {
    if (op && valueKindOf(op) !== valueKindOf(next)) {
      form.setFieldValue([...path, 'words'], []);
      form.setFieldValue([...path, 'number'], null);
    }
  };

  const kind = op ? valueKindOf(op) : 'list';
  const choices =
    field === 'channel'
      ? leadChannels.map((x) => ({ value: x, label: t(`leads.channels.${x}`) }))
      : def && (def.type === 'select' || def.type === 'multi_select')
        ? choicesOf(def, i18n.language)
        : null;
  const hint =
    op === 'contains_any'
      ? 'containsHint'
      : op === 'in'
        ? 'inHint'
        : op === 'present'
          ? 'presentHint'
          : 'numberHint';
  // The condition in words, once it is complete.
  const condition =
    field && op ? conditionOf({ field, op, words: values ?? [], number: number ?? null }) : null;
  const shown = condition && (kind === 'none' || condition.values.length > 0) ? words.one(condition) : null;

  return (
    <div data-testid={testId}>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={[...name, 'field']}
            label={c('field')}
            rules={[{ required: true, message: c('fieldRequired') }]}
          >
            <Select
              options={fieldOptions}
              onChange={onField}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid={`${testId}-field`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[...name, 'op']} label={c('op')}>
            <Select
              options={opsFor(field ?? '', def?.type, op).map((o) => ({
                value: o,
                label: t(`leadRules.opOptions.${o}`),
              }))}
              onChange={onOp}
              data-testid={`${testId}-op`}
            />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'list' && (
        <Form.Item
          name={[...name, 'words']}
          label={c(choices ? 'choices' : 'words')}
          extra={c(hint)}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: c(choices ? 'choicesRequired' : 'wordsRequired'),
            },
          ]}
        >
          {choices ? (
            <Select mode="multiple" options={choices} data-testid={`${testId}-choices`} />
          ) : (
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              tokenSeparators={wordSeparators}
              maxTagTextLength={50}
              placeholder={c('wordsPlaceholder')}
              data-testid={`${testId}-words`}
            />
          )}
        </Form.Item>
      )}
      {kind === 'number' && (
        <Form.Item
          name={[...name, 'number']}
          label={c('number')}
          extra={c(hint)}
          rules={[{ required: true, message: c('numberRequired') }]}
        >
          <InputNumber<number> style={{ width: '100%' }} data-testid={`${testId}-number`} />
        </Form.Item>
      )}
      {kind === 'none' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {c(hint)}
        </Typography.Paragraph>
      )}
      {shown && (
        <Typography.Paragraph style={{ marginBottom: 0 }} data-testid={`${testId}-words-preview`}>
          {t('leadRules.condition.preview', { text: shown })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
