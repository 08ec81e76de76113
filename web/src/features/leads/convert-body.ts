import type { paths } from '../../app/api-schema';
import type { Lead } from '../../app/api-types';
// The plain module, not the feature's index: this runs in unit tests without a browser.
import { minorOf } from '../opportunities/words';

// 转化: what the dialog sends, from what the rep chose.

export type ConvertBody =
  paths['/api/v1/leads/{id}/convert']['post']['requestBody']['content']['application/json'];
export type CustomerLevel = 'A' | 'B' | 'C';

/** 同时创建商机: its amount in 元 as typed, pipeline and expected close day (YYYY-MM-DD). */
export type DealChoice = {
  amount: number | null | undefined;
  pipelineId?: string;
  expectedCloseDate?: string | null;
};

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
  deal: DealChoice | null = null,
): ConvertBody | null {
  const opportunity = deal
    ? {
        opportunity: {
          amount: minorOf(deal.amount) ?? 0,
          ...(deal.pipelineId ? { pipelineId: deal.pipelineId } : {}),
          ...(deal.expectedCloseDate ? { expectedCloseDate: deal.expectedCloseDate } : {}),
        },
      }
    : {};
  if (choice.mode === 'existing') {
    if (!choice.customerId) return null;
    return { customer: { mode: 'existing', customerId: choice.customerId }, contact, ...opportunity };
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
    ...opportunity,
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
