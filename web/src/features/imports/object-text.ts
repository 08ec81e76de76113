import { useTranslation } from 'react-i18next';
import type { ImportObject } from './imports.api';

/** The wizard's words and way back for what is imported (customers, users and departments, leads or deals). */
export function useImportText(object: string) {
  const { t } = useTranslation();
  const o = object as ImportObject;
  if (o === 'user')
    return {
      title: t('imports.users.title'),
      subtitle: t('imports.users.subtitle'),
      backToList: t('imports.users.backToList'),
      listPath: '/system/users',
      tips: t('imports.users.tips'),
      group: () => t('imports.users.group'),
      policyTitle: (count: number) => t('imports.users.policyTitle', { count }),
      skip: t('imports.users.skip'),
      merge: t('imports.users.merge'),
      create: '',
      /** Users are never created twice (a login is unique), and nothing is "similar". */
      onlyExact: true,
      /** Leads take the list's 来源 and campaign at the run. */
      stamps: false,
    };
  if (o === 'opportunity')
    return {
      title: t('imports.deals.title'),
      subtitle: t('imports.deals.subtitle'),
      backToList: t('imports.deals.backToList'),
      listPath: '/opportunities',
      tips: t('imports.deals.tips'),
      group: (g: string) => t(`imports.deals.groups.${g}`, { defaultValue: g }),
      policyTitle: (count: number) => t('imports.deals.policyTitle', { count }),
      skip: t('imports.deals.skip'),
      /** A deal imported before (same 外部编号) is only ever left as it is. */
      merge: '',
      create: '',
      onlyExact: true,
      stamps: false,
    };
  if (o === 'lead')
    return {
      title: t('imports.leads.title'),
      subtitle: t('imports.leads.subtitle'),
      backToList: t('imports.leads.backToList'),
      listPath: '/leads',
      tips: t('imports.leads.tips'),
      group: (g: string) => t(`imports.leads.groups.${g}`, { defaultValue: g }),
      policyTitle: (count: number) => t('imports.leads.policyTitle', { count }),
      skip: t('imports.leads.skip'),
      merge: t('imports.leads.merge'),
      create: t('imports.leads.create'),
      onlyExact: false,
      stamps: true,
    };
  return {
    title: t('imports.title'),
    subtitle: t('imports.subtitle'),
    backToList: t('imports.backToList'),
    listPath: '/customers',
    tips: t('imports.upload.tips'),
    group: (g: string) => t(`imports.groups.${g}`, { defaultValue: g }),
    policyTitle: (count: number) => t('imports.policy.title', { count }),
    skip: t('imports.policy.skip'),
    merge: t('imports.policy.merge'),
    create: t('imports.policy.create'),
    onlyExact: false,
    stamps: false,
  };
}
