import type { Notice } from '../../app/api-types';
import i18n, { translateDynamic } from '../../app/i18n';

/** A notice's sentence in the UI language, built from its kind and params (never stored text). */
export function noticeText(n: Notice): string {
  return translateDynamic(`notifications.kinds.${n.kind}`, i18n.t('notifications.kinds.unknown'), n.params);
}
