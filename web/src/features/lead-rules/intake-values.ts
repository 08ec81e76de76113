import type { LeadModel, LeadSettings, LeadSettingsBody, LeadSource, NewLeadSource } from './lead-intake.api';

// The lead-source and lead-settings forms, and the texts an admin copies to a web site or an integrator.

/** The fields a form or an API may take, in the order a new form asks them (name is always first). */
export const intakeFields = [
  'name',
  'company',
  'title',
  'phone',
  'email',
  'wechat',
  'province',
  'city',
  'industry',
  'inquiry',
] as const;
export type IntakeField = (typeof intakeFields)[number];
/** Per field: not asked, asked, or asked and required. */
export type FieldAsk = 'off' | 'optional' | 'required';

export type SourceValues = {
  kind: LeadSource['kind'];
  name: string;
  source: string;
  campaign: string;
  onDuplicate: LeadSource['onDuplicate'];
  asks: Record<Exclude<IntakeField, 'name'>, FieldAsk>;
  allowedOrigins: string[];
  thankYou: string;
  active: boolean;
};

export const otherFields = intakeFields.filter((f): f is Exclude<IntakeField, 'name'> => f !== 'name');

/** An API takes every field; only whether one is required is set (a form also leaves fields out). */
export const asksFor = (kind: LeadSource['kind'], asks: SourceValues['asks']): SourceValues['asks'] =>
  kind === 'api'
    ? (Object.fromEntries(
        otherFields.map((f) => [f, asks[f] === 'off' ? 'optional' : asks[f]]),
      ) as SourceValues['asks'])
    : asks;

/** What a new source asks, as the server would default it: company and inquiry optional, phone required. */
export const blankSource = (kind: LeadSource['kind']): SourceValues => ({
  kind,
  name: '',
  source: '',
  campaign: '',
  onDuplicate: 'flag',
  asks: asksFor(kind, {
    ...(Object.fromEntries(otherFields.map((f) => [f, 'off'])) as SourceValues['asks']),
    company: 'optional',
    phone: 'required',
    inquiry: 'optional',
  }),
  allowedOrigins: [],
  thankYou: '',
  active: true,
});

export function sourceValuesOf(s: LeadSource): SourceValues {
  const asks = { ...blankSource(s.kind).asks };
  for (const f of otherFields) {
    const field = s.fields.find((x) => x.key === f);
    asks[f] = field ? (field.required ? 'required' : 'optional') : 'off';
  }
  return {
    kind: s.kind,
    name: s.name,
    source: s.source ?? '',
    campaign: s.campaign ?? '',
    onDuplicate: s.onDuplicate,
    asks: asksFor(s.kind, asks),
    allowedOrigins: s.allowedOrigins,
    thankYou: s.thankYou ?? '',
    active: s.active,
  };
}

/**
 * The body of a create (and, without `kind`, of an edit): the fields asked, name first, those already on
 * the form in their order and new ones after them; empty texts as null; origins without a trailing slash.
 */
export function sourceBodyOf(v: SourceValues, before?: LeadSource): NewLeadSource {
  const known = (before?.fields ?? []).map((f) => f.key).filter((k) => k in v.asks) as typeof otherFields;
  const order = [...new Set([...known, ...otherFields])];
  const nullable = (text: string) => text.trim() || null;
  return {
    kind: v.kind,
    name: v.name.trim(),
    source: nullable(v.source),
    campaign: nullable(v.campaign),
    onDuplicate: v.onDuplicate,
    fields: [
      { key: 'name', required: true },
      ...order
        .filter((f) => v.asks[f] !== 'off')
        .map((f) => ({ key: f, required: v.asks[f] === 'required' })),
    ],
    allowedOrigins: [
      ...new Set(v.allowedOrigins.map((o) => o.trim().replace(/\/+$/, '').toLowerCase())),
    ].filter(Boolean),
    thankYou: v.kind === 'web_form' ? nullable(v.thankYou) : null,
    active: v.active,
  };
}

/** A site that may embed the form: scheme://host[:port], nothing after it (as the server checks). */
export const isOrigin = (text: string) => /^https?:\/\/[a-z0-9.-]+(:\d+)?\/*$/i.test(text.trim());

/** The hosted form's address, on this server. */
export const hostedUrl = (origin: string, publicKey: string) =>
  `${origin}/f/${encodeURIComponent(publicKey)}`;

/** What a web site pastes to show the form in its page. */
export const embedSnippet = (url: string, title: string) =>
  `<iframe src="${url}" title="${title.replace(/"/g, '&quot;')}" width="100%" height="640" style="border:0"></iframe>`;

/** The inbound API of a source. */
export const apiEndpoint = (origin: string, sourceId: string) =>
  `${origin}/api/v1/public/sources/${sourceId}/leads`;
export const secretHeader = 'X-Cadence-Source-Secret';

/** A curl call an integrator can run as is (with the secret, or a placeholder when it is not shown). */
export function curlExample(endpoint: string, secret: string, sample: Record<string, string>): string {
  return [
    `curl -X POST '${endpoint}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H '${secretHeader}: ${secret}' \\`,
    `  -d '${JSON.stringify(sample).replace(/'/g, "'\\''")}'`,
  ].join('\n');
}

// —— 线索设置 ——

export type SettingsValues = {
  firstResponseHours: number;
  remindBeforeHours: number;
  cadence: Record<keyof LeadSettings['cadenceDays'], number | null>;
  disqualifyReasons: string[];
};

export const settingsValuesOf = (s: LeadSettings): SettingsValues => ({
  firstResponseHours: s.firstResponseHours,
  remindBeforeHours: s.remindBeforeHours,
  cadence: { ...s.cadenceDays },
  disqualifyReasons: s.disqualifyReasons,
});

/** An emptied cadence is null (no follow-up due in that status); reasons trimmed, each once. */
export const settingsBodyOf = (v: SettingsValues): LeadSettingsBody => ({
  firstResponseHours: v.firstResponseHours,
  remindBeforeHours: v.remindBeforeHours,
  cadenceDays: {
    new: v.cadence.new ?? null,
    working: v.cadence.working ?? null,
    qualified: v.cadence.qualified ?? null,
  },
  disqualifyReasons: [...new Set(v.disqualifyReasons.map((r) => r.trim()).filter(Boolean))],
});

// —— 学习评分 ——

/**
 * How good the model's ranking is, in words: 0.5 is a coin toss, 0.7 worth a look, 0.8 good — and well
 * under 0.5 it ranks the wrong way round, which is worse than no score at all.
 */
export type AucReading = 'worse' | 'chance' | 'weak' | 'useful' | 'good';
export function aucReading(auc: number): AucReading {
  if (auc >= 0.8) return 'good';
  if (auc >= 0.7) return 'useful';
  if (auc > 0.55) return 'weak';
  if (auc >= 0.45) return 'chance';
  return 'worse';
}

/** The model can be switched on only once trained. */
export const mayEnable = (m: LeadModel) => m.trainedAt !== null;
