import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomFieldDef, fieldLabel, useCustomFields } from '../custom-fields';
import { choiceLabel } from '../custom-fields/labels';
import { leadChannels } from '../leads/statuses';
import {
  conditionInWords,
  conditionsInWords,
  customKeyOf,
  isCustomField,
  leadFields,
  scoreField,
  type Vocabulary,
} from './conditions';
import type { Condition } from './lead-rules.api';

/** The lead's custom fields by key, archived ones too (an old rule may still test one). */
export function useLeadCustomFields(): Map<string, CustomFieldDef> {
  const { data } = useCustomFields('lead');
  return useMemo(() => new Map((data ?? []).map((d) => [d.key, d])), [data]);
}

/** How the current language names conditions: 「询盘内容 包含 报价、采购」. */
export function useConditionWords() {
  const { t, i18n } = useTranslation();
  const custom = useLeadCustomFields();
  return useMemo(() => {
    const vocabulary: Vocabulary = {
      field: (field) => {
        if (field === scoreField) return t('leadRules.scoreField');
        if (isCustomField(field)) {
          const def = custom.get(customKeyOf(field));
          return def ? fieldLabel(def, i18n.language) : customKeyOf(field);
        }
        return t(`leads.fields.${field as (typeof leadFields)[number]}`);
      },
      op: (op, count) =>
        op === 'in' && count > 1
          ? t('leadRules.ops.inMany')
          : op === 'contains_any' && count > 1
            ? t('leadRules.ops.containsMany')
            : t(`leadRules.ops.${op}`),
      value: (field, value) => {
        if (field === 'channel' && (leadChannels as readonly unknown[]).includes(value))
          return t(`leads.channels.${value as (typeof leadChannels)[number]}`);
        const choice = isCustomField(field)
          ? custom.get(customKeyOf(field))?.options.choices?.find((c) => c.key === value)
          : undefined;
        return choice ? choiceLabel(choice, i18n.language) : String(value);
      },
      separator: t('leadRules.separator'),
      and: t('leadRules.and'),
      always: t('leadRules.always'),
    };
    return {
      vocabulary,
      one: (c: Condition) => conditionInWords(c, vocabulary),
      all: (conditions: Condition[]) => conditionsInWords(conditions, vocabulary),
    };
  }, [t, i18n.language, custom]);
}

/** The fields a condition may test, grouped: lead fields (and the score), then active custom fields. */
export function useFieldOptions(withScore: boolean) {
  const { t, i18n } = useTranslation();
  const custom = useLeadCustomFields();
  return useMemo(() => {
    const lead = [
      ...(withScore ? [{ value: scoreField, label: t('leadRules.scoreField') }] : []),
      ...leadFields.map((f) => ({ value: f, label: t(`leads.fields.${f}`) })),
    ];
    const customOptions = [...custom.values()]
      .filter((d) => d.active)
      .map((d) => ({ value: `custom.${d.key}`, label: fieldLabel(d, i18n.language) }));
    return [
      { label: t('leadRules.fieldGroups.lead'), title: 'lead', options: lead },
      ...(customOptions.length
        ? [{ label: t('leadRules.fieldGroups.custom'), title: 'custom', options: customOptions }]
        : []),
    ];
  }, [t, i18n.language, custom, withScore]);
}
