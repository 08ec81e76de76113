import type { Dayjs } from 'dayjs';
import type { CheckIn } from './check-in';
import type { FollowUpMethod, FollowUpObject, NewFollowUp } from './follow-ups.api';

/** What the 写跟进 form holds. */
export type FollowUpValues = {
  method: FollowUpMethod;
  content: string;
  nextAt?: Dayjs | null;
  durationMinutes?: number | null;
  needs?: string;
  nextStep?: string;
  contactIds?: string[];
  checkIn?: CheckIn | null;
};

const text = (s: string | undefined) => s?.trim() || undefined;

/**
 * The request of 写跟进: empty details left out; contacts only where a record has a customer; a
 * check-in only with a visit (taken, then switched to a call, it no longer applies). `instantOf` reads
 * the picked wall time in the org's zone.
 */
export function followUpBody(
  object: FollowUpObject,
  recordId: string,
  v: FollowUpValues,
  instantOf: (d: Dayjs) => number,
): NewFollowUp {
  return {
    object,
    recordId,
    method: v.method,
    content: v.content.trim(),
    nextAt: v.nextAt ? instantOf(v.nextAt) : undefined,
    durationMinutes: v.durationMinutes ?? undefined,
    needs: text(v.needs),
    nextStep: text(v.nextStep),
    contactIds: object !== 'lead' && v.contactIds?.length ? v.contactIds : undefined,
    checkIn: v.method === 'visit' && v.checkIn ? v.checkIn : undefined,
  };
}
