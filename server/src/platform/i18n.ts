import { messages } from './messages.js';

export type Locale = 'zh-CN' | 'en';
export const locales: Locale[] = ['zh-CN', 'en'];
export const defaultLocale: Locale = 'zh-CN';

/** Picks zh-CN or en from an Accept-Language header (zh-CN when nothing matches). */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return defaultLocale;
}

export type MessageKey = keyof (typeof messages)['zh-CN'];

/**
 * Translates a message key, filling {name} placeholders. A value with a name of its own (the message
 * `<name>.<value>`, e.g. `dimension.method`) is filled in by that name: a machine key stays in the
 * problem's params, the reader sees words.
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  const template: string = messages[locale][key] ?? messages[defaultLocale][key] ?? key;
  const named = messages[locale] as Record<string, string>;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return `{${name}}`;
    return named[`${name}.${String(value)}`] ?? String(value);
  });
}
