import { useTranslation } from 'react-i18next';
import { formatMoney, type Locale } from '../../app/numbers';

/** ¥1,234,567.00 from 分 in the reader's language (column and list totals are in CNY). */
export function useMoney(): (minor: number, currency?: string) => string {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (minor, currency = 'CNY') => formatMoney(minor, currency, locale);
}
