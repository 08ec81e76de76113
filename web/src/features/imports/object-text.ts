import { useTranslation } from 'react-i18next';
import type { ImportObject } from './imports.api';

/** The wizard's words and way back for what is imported (customers, or users and departments). */
export function useImportText(object: string) {
  const { t } = useTranslation();
  const user = (object as ImportObject) === 'user';
  return {
    title: user ? t('imports.users.title') : t('imports.title'),
    subtitle: user ? t('imports.users.subtitle') : t('imports.subtitle'),
    backToList: user ? t('imports.users.backToList') : t('imports.backToList'),
    listPath: user ? '/system/users' : '/customers',
    tips: user ? t('imports.users.tips') : t('imports.upload.tips'),
    group: (g: string) => (user ? t('imports.users.group') : t(`imports.groups.${g}`, { defaultValue: g })),
    policyTitle: (count: number) =>
      user ? t('imports.users.policyTitle', { count }) : t('imports.policy.title', { count }),
    skip: user ? t('imports.users.skip') : t('imports.policy.skip'),
    merge: user ? t('imports.users.merge') : t('imports.policy.merge'),
    /** Users are never created twice (a login is unique), and nothing is "similar". */
    onlyExact: user,
  };
}
