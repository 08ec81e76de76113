import type { paths } from '../../app/api-schema';
import type { Lead } from '../../app/api-types';

// 转化: what the dialog sends, from what the rep chose.

export type ConvertBody =
  paths['/api/v1/leads/{id}/convert']['post']['requestBody']['content']['application/json'];
export type CustomerLevel = 'A' | 'B' | 'C';

export type ConvertChoice =
  | { mode: 'new'; name?: string; level?: CustomerLevel | null; nearDuplicateReason?: string }
  | { mode: 'existing'; customerId?: string };

/** The name a new customer gets by default: the company, or the person for a private buyer. */
export const defaultCustomerName = (lead: Pick<Lead, 'name' | 'company'>) =>
  lead.company?.trim() || lead.name;

/**
 * The request body: a new customer with its trimmed name (left out when it is the default, so the
 * server's rule applies) and level, or an existing one; null when an existing one is not chosen yet.
 */
export function convertBodyOf(
  lead: Pick<Lead, 'name' | 'company'>,
  choice: ConvertChoice,
  contact: boolean,
): ConvertBody | null {
  if (choice.mode === 'existing') {
    if (!choice.customerId) return null;
    return { customer: { mode: 'existing', customerId: choice.customerId }, contact };
  }
  const name = choice.name?.trim();
  const reason = choice.nearDuplicateReason?.trim();
  return {
    customer: {
      mode: 'new',
      ...(name && name !== defaultCustomerName(lead) ? { name } : {}),
      ...(choice.level ? { level: choice.level } : {}),
      ...(reason ? { nearDuplicateReason: reason } : {}),
    },
    contact,
  };
}

export type CarriedLine = 'region' | 'industry' | 'source' | 'contact' | 'inquiry' | 'files' | 'history';

/** What carries over to the customer and contact, as the locale keys of the lines to show. */
export function carriedOver(
  lead: Pick<Lead, 'company' | 'region' | 'industry' | 'source' | 'phone' | 'email' | 'wechat' | 'inquiry'>,
  contact: boolean,
): CarriedLine[] {
  const lines: CarriedLine[] = [];
  if (lead.region.province || lead.region.city) lines.push('region');
  if (lead.industry) lines.push('industry');
  if (lead.source) lines.push('source');
  if (contact) {
    lines.push('contact');
    if (lead.inquiry) lines.push('inquiry');
  }
  lines.push('files', 'history');
  return lines;
}
