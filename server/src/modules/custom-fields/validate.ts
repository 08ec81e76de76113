import { AppError, type FieldError } from '../../platform/errors.js';
import type { MessageKey } from '../../platform/i18n.js';
import { normalizeEmail, normalizePhone } from '../../platform/normalize/index.js';
import type { CustomFieldDef } from './custom-fields.schema.js';

export type CustomValues = Record<string, unknown>;

export const TEXT_MAX = 500;
export const LONG_TEXT_MAX = 10_000;
const PHONE_MAX = 50;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const decimal = /^-?\d{1,15}(?:\.\d{1,12})?$/;

/** The user ids among these that exist in the org, with whether each is active. */
export type UserLookup = (ids: string[]) => Promise<Map<string, boolean>>;

type Options = {
  /** Update: only the keys sent change (null clears one); create: every required field must be filled. */
  partial: boolean;
  /** The record's stored values (update); archived and untouched keys are kept as they are. */
  before?: CustomValues;
  users: UserLookup;
  /** Where the values sit in the request, for error paths (default `body.custom`). */
  path?: string;
};

// Shape errors (an unknown key, a value of the wrong JSON type) answer 400 like any schema error;
// content errors (not an option, out of range, an inactive user …) answer 422 like invalid_phone does.
const shapeCodes = new Set<string>(['custom_field_unknown', 'custom_field_invalid_type']);

/**
 * The one validator of custom values, used by every object's create and update path: checks the input
 * against the definitions and returns the values to store (before + changes). Throws 400/422
 * `validation_failed` naming each bad key at `body.custom.<key>`; nothing is written then.
 */
export async function validateCustom(
  defs: CustomFieldDef[],
  input: CustomValues | undefined,
  o: Options,
): Promise<CustomValues> {
  const path = o.path ?? 'body.custom';
  const out: CustomValues = { ...(o.before ?? {}) };
  const errors: FieldError[] = [];
  const fail = (key: string, code: MessageKey, params?: Record<string, unknown>) =>
    errors.push({ path: `${path}.${key}`, code, ...(params ? { params } : {}) });
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const users = new Map<string, string[]>(); // user id → keys naming it

  for (const [key, raw] of Object.entries(input ?? {})) {
    const def = byKey.get(key);
    if (!def) {
      fail(key, 'custom_field_unknown');
      continue;
    }
    if (!def.active) continue; // archived: keeps its stored value, input ignored
    const checked = checkValue(def, raw);
    if ('error' in checked) {
      fail(key, checked.error, checked.params);
      continue;
    }
    if (checked.value === undefined) {
      if (def.required) fail(key, 'custom_field_required');
      else delete out[key];
      continue;
    }
    out[key] = checked.value;
    if (def.type === 'user')
      users.set(checked.value as string, [...(users.get(checked.value as string) ?? []), key]);
  }

  if (!o.partial) {
    for (const def of defs)
      if (
        def.active &&
        def.required &&
        out[def.key] === undefined &&
        !errors.some((e) => e.path === `${path}.${def.key}`)
      )
        fail(def.key, 'custom_field_required');
  }

  if (users.size) {
    const found = await o.users([...users.keys()]);
    for (const [id, keys] of users) {
      const active = found.get(id);
      if (active === undefined) for (const k of keys) fail(k, 'custom_field_no_user');
      else if (!active) for (const k of keys) fail(k, 'account_inactive');
    }
  }

  if (errors.length) {
    const status = errors.some((e) => shapeCodes.has(e.code)) ? 400 : 422;
    throw new AppError(status, 'validation_failed', {}, { errors });
  }
  return out;
}

type Checked =
  | { value: unknown } // undefined: cleared
  | { error: MessageKey; params?: Record<string, unknown> };

const wrongType: Checked = { error: 'custom_field_invalid_type' };

/** One value against its definition: the value to store, undefined for "cleared", or an error. */
export function checkValue(def: CustomFieldDef, raw: unknown): Checked {
  if (raw === null) return { value: undefined };
  switch (def.type) {
    case 'text':
    case 'long_text': {
      if (typeof raw !== 'string') return wrongType;
      const text = raw.trim();
      const max = def.type === 'text' ? TEXT_MAX : LONG_TEXT_MAX;
      if (!text) return { value: undefined };
      if (text.length > max) return { error: 'custom_field_too_long', params: { max } };
      return { value: text };
    }
    case 'number': {
      const n = numberOf(raw);
      if (n === null) return wrongType;
      if (n === undefined) return { value: undefined };
      const precision = def.options.precision ?? 6;
      if (decimals(n) > precision) return { error: 'custom_field_precision', params: { precision } };
      return inRange(def, n);
    }
    case 'money': {
      // Money is integer minor units (分), as everywhere in Cadence; never a float.
      const n = numberOf(raw);
      if (n === null) return wrongType;
      if (n === undefined) return { value: undefined };
      if (!Number.isSafeInteger(n)) return { error: 'custom_field_money' };
      return inRange(def, n);
    }
    case 'date': {
      if (typeof raw !== 'string') return wrongType;
      if (!raw.trim()) return { value: undefined };
      const m = isoDate.exec(raw.trim());
      if (!m) return { error: 'custom_field_date' };
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (d.toISOString().slice(0, 10) !== raw.trim() || Number(m[1]) < 1000)
        return { error: 'custom_field_date' };
      return { value: raw.trim() };
    }
    case 'select': {
      if (typeof raw !== 'string') return wrongType;
      if (!raw) return { value: undefined };
      if (!choiceKeys(def).has(raw)) return { error: 'custom_field_option', params: { option: raw } };
      return { value: raw };
    }
    case 'multi_select': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return wrongType;
      if (!raw.length) return { value: undefined };
      const keys = choiceKeys(def);
      const bad = raw.find((v) => !keys.has(v));
      if (bad !== undefined) return { error: 'custom_field_option', params: { option: bad } };
      if (new Set(raw).size !== raw.length) return { error: 'custom_field_option_repeated' };
      // Stored in the order of the definition's options, so equal selections compare equal.
      const order = [...keys];
      return { value: [...raw].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
    }
    case 'user': {
      if (typeof raw !== 'string') return wrongType;
      if (!raw) return { value: undefined };
      if (!uuid.test(raw)) return { error: 'custom_field_no_user' };
      return { value: raw.toLowerCase() };
    }
    case 'phone': {
      if (typeof raw !== 'string') return wrongType;
      const text = raw.trim();
      if (!text) return { value: undefined };
      if (text.length > PHONE_MAX || !normalizePhone(text)) return { error: 'invalid_phone' };
      return { value: text };
    }
    case 'email': {
      if (typeof raw !== 'string') return wrongType;
      if (!raw.trim()) return { value: undefined };
      const email = normalizeEmail(raw);
      return email ? { value: email } : { error: 'invalid_email' };
    }
  }
}

/** A number from a JSON number or a decimal string ("12.5", as imports and forms send); undefined for "". */
function numberOf(raw: unknown): number | null | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s) return undefined;
  return decimal.test(s) ? Number(s) : null;
}

function decimals(n: number): number {
  const s = String(n);
  if (s.includes('e')) return Number.POSITIVE_INFINITY;
  return s.split('.')[1]?.length ?? 0;
}

function inRange(def: CustomFieldDef, n: number): Checked {
  const { min, max } = def.options;
  // Money bounds are 分; people read them in 元.
  const shown = (v: number) => (def.type === 'money' ? (v / 100).toFixed(2) : v);
  if (min !== undefined && min !== null && n < min)
    return { error: 'custom_field_below', params: { min: shown(min) } };
  if (max !== undefined && max !== null && n > max)
    return { error: 'custom_field_above', params: { max: shown(max) } };
  return { value: n };
}

const choiceKeys = (def: CustomFieldDef) => new Set((def.options.choices ?? []).map((c) => c.key));
