import { Col, DatePicker, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TextFilter } from '../../components';
import type { CustomFieldDef } from './custom-fields.api';
import { choicesOf, fieldLabel } from './labels';
import { UserPicker } from './UserPicker';

/** List filters on custom fields, as the API takes them: `cf.<key>`, `cf.<key>.from`, `cf.<key>.to`. */
export type CustomFilterValues = Record<`cf.${string}`, string | undefined>;
type Props = {
  defs: CustomFieldDef[];
  value: CustomFilterValues;
  onChange: (patch: CustomFilterValues) => void;
};

/** Only the fields a filter makes sense for (free text of up to 10,000 characters is not one). */
const filterable = (d: CustomFieldDef) => d.type !== 'long_text';

/** A range of numbers; money is typed in 元 and sent in 分. */
function NumberRange({
  def,
  value,
  onChange,
}: {
  def: CustomFieldDef;
  value: CustomFilterValues;
  onChange: Props['onChange'];
}) {
  const { t } = useTranslation();
  const money = def.type === 'money';
  const k = `cf.${def.key}` as const;
  const shown = (v?: string) => (v === undefined ? undefined : money ? Number(v) / 100 : Number(v));
  const sent = (v: number | null) => (v === null ? undefined : String(money ? Math.round(v * 100) : v));
  return (
    <>
      <InputNumber
        style={{ width: '50%' }}
        placeholder={t('customFields.filterFrom')}
        value={shown(value[`${k}.from`])}
        onChange={(v) => onChange({ [`${k}.from`]: sent(v as number | null) })}
        data-testid={`filter-${def.key}-from`}
      />
      <InputNumber
        style={{ width: '50%' }}
        placeholder={t('customFields.filterTo')}
        value={shown(value[`${k}.to`])}
        onChange={(v) => onChange({ [`${k}.to`]: sent(v as number | null) })}
        data-testid={`filter-${def.key}-to`}
      />
    </>
  );
}

function FieldFilter({
  def,
  value,
  onChange,
}: {
  def: CustomFieldDef;
  value: CustomFilterValues;
  onChange: Props['onChange'];
}) {
  const { t, i18n } = useTranslation();
  const label = fieldLabel(def, i18n.language);
  return (
    // The field's name stays in view once a value is chosen (a value alone — 是, 5 — says nothing).
    <Space.Compact block>
      <Space.Addon className="filter-label" title={label}>
        {label}
      </Space.Addon>
      <FieldControl def={def} value={value} onChange={onChange} any={t('customFields.filterAny')} />
    </Space.Compact>
  );
}

function FieldControl({
  def,
  value,
  onChange,
  any,
}: {
  def: CustomFieldDef;
  value: CustomFilterValues;
  onChange: Props['onChange'];
  any: string;
}) {
  const { i18n } = useTranslation();
  const k = `cf.${def.key}` as const;
  switch (def.type) {
    case 'select':
    case 'multi_select':
      return (
        <Select
          allowClear
          style={{ flex: 1, minWidth: 0 }}
          placeholder={any}
          value={value[k]}
          onChange={(v?: string) => onChange({ [k]: v })}
          options={choicesOf(def, i18n.language)}
          data-testid={`filter-${def.key}`}
        />
      );
    case 'user':
      return (
        <UserPicker value={value[k]} onChange={(v) => onChange({ [k]: v })} testId={`filter-${def.key}`} />
      );
    case 'number':
    case 'money':
      return <NumberRange def={def} value={value} onChange={onChange} />;
    case 'date':
      return (
        <DatePicker.RangePicker
          style={{ flex: 1, minWidth: 0 }}
          value={[
            value[`${k}.from`] ? dayjs(value[`${k}.from`]) : null,
            value[`${k}.to`] ? dayjs(value[`${k}.to`]) : null,
          ]}
          onChange={(r) =>
            onChange({
              [`${k}.from`]: r?.[0]?.format('YYYY-MM-DD'),
              [`${k}.to`]: r?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
      );
    default:
      return <TextFilter value={value[k]} placeholder={any} onCommit={(v) => onChange({ [k]: v })} />;
  }
}

/** One filter per active custom field, laid out like the other 高级筛选 fields. */
export function CustomFieldFilters({ defs, value, onChange }: Props) {
  return (
    <>
      {defs.filter(filterable).map((d) => (
        <Col
          key={d.id}
          xs={24}
          sm={12}
          md={d.type === 'date' || d.type === 'number' || d.type === 'money' ? 12 : 6}
          xl={6}
        >
          <FieldFilter def={d} value={value} onChange={onChange} />
        </Col>
      ))}
    </>
  );
}
