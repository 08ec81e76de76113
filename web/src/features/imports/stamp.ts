import type { ImportStamp } from './imports.api';

/** The 来源 and campaign to stamp on a lead list: what was typed, trimmed; empty ones left out. */
export function stampOf(s: ImportStamp): ImportStamp {
  const source = s.source?.trim();
  const campaign = s.campaign?.trim();
  return { ...(source && { source }), ...(campaign && { campaign }) };
}
