import type { TFunction } from 'i18next';

type Entry = {
  object: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/**
 * What a timeline says for a change to one of the record's files — "上传了附件 合同.pdf" — or null
 * when the entry is not about an attachment.
 */
export function attachmentEventText(t: TFunction, e: Entry): string | null {
  if (e.object !== 'attachment') return null;
  const name = String(e.after?.fileName ?? e.before?.fileName ?? '');
  const verb =
    e.action === 'create' || e.action === 'delete' || e.action === 'move'
      ? t(`attachments.timeline.${e.action}`)
      : e.action;
  return name ? `${verb} ${name}` : verb;
}
