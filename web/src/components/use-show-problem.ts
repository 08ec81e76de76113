import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, fieldOf } from '../app/problem';

type Options = {
  /** Field errors whose path names a field of this form are shown on that field. */
  form?: FormInstance;
  /** Called on 412 version_conflict after telling the user: reload the record. */
  onConflict?: () => void;
  /**
   * The form field of an error path, for forms whose names differ from the body's (a list row, values
   * edited as words or as a number); null leaves it to the usual matching, [] says it in the message.
   */
  fieldOf?: (path: string) => (string | number)[] | null;
};

/** Shows an API failure: the server's title, field errors on their fields, conflicts as a reload. */
export function useShowProblem() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown, { form, onConflict, fieldOf: formFieldOf }: Options = {}) => {
      if (!(error instanceof ApiProblem)) {
        void message.error(t('common.networkError'));
        return;
      }
      if (error.code === 'version_conflict') {
        void message.warning(t('common.versionConflict'));
        onConflict?.();
        return;
      }
      const known = new Set(form ? Object.keys(form.getFieldsValue()) : []);
      const onFields = new Map<string, { name: (string | number)[]; errors: string[] }>();
      const place = (name: (string | number)[], message: string) => {
        const entry = onFields.get(name.join('.')) ?? { name, errors: [] };
        onFields.set(name.join('.'), { name, errors: [...entry.errors, message] });
      };
      const elsewhere: string[] = [];
      for (const e of error.errors) {
        const own = form && formFieldOf?.(e.path);
        if (own) {
          // An empty name: no field shows it (a sum over several), so the message says it.
          if (own.length) place(own, e.message);
          else elsewhere.push(e.message);
          continue;
        }
        const field = fieldOf(e.path);
        // A nested value (body.custom.budget) belongs to the form item named ['custom', 'budget'].
        const nested = e.path.split('.').slice(1);
        const name = field === 'custom' && nested.length === 2 ? nested : field && [field];
        if (field && name && known.has(field)) place(name, e.message);
        else elsewhere.push(e.message);
      }
      form?.setFields([...onFields.values()]);
      const title = error.title || t('common.requestFailed');
      void message.error(elsewhere.length ? `${title}: ${elsewhere.join('; ')}` : title);
    },
    [message, t],
  );
}
