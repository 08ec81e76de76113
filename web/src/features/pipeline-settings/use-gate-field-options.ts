import { useTranslation } from 'react-i18next';
import { fieldLabel, useActiveCustomFields } from '../custom-fields';

/** The deal fields a stage gate may require (as the server lists them). */
const builtIn = ['amount', 'expectedCloseDate', 'contacts', 'products', 'competitors', 'source'] as const;

/**
 * 必填字段 choices: the built-in deal fields, then the opportunity's active custom fields as
 * `custom.<key>`; a required field no longer defined stays listed by its key, so it can be removed.
 */
export function useGateFieldOptions(chosen: string[]): { value: string; label: string }[] {
  const { t, i18n } = useTranslation();
  const defs = useActiveCustomFields('opportunity');
  const options = [
    ...builtIn.map((f) => ({ value: f as string, label: t(`pipelineSettings.gateFields.${f}`) })),
    ...defs.map((d) => ({ value: `custom.${d.key}`, label: fieldLabel(d, i18n.language) })),
  ];
  const known = new Set(options.map((o) => o.value));
  const gone = chosen
    .filter((f) => !known.has(f))
    .map((f) => ({
      value: f,
      label: t('pipelineSettings.gates.customField', { key: f.replace(/^custom\./, '') }),
    }));
  return [...options, ...gone];
}
