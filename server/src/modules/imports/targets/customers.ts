import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { type Actor, canOnRecord } from '../../../platform/access/index.js';
import { AppError } from '../../../platform/errors.js';
import { normalizeEmail, normalizePhone } from '../../../platform/normalize/index.js';
import '../../contacts/objects.js';
import { createContact } from '../../contacts/contacts.service.js';
import { customFieldDefs } from '../../custom-fields/custom-fields.repo.js';
import type { CustomFieldDef } from '../../custom-fields/custom-fields.schema.js';
import { createCustomer, type Fields, updateCustomer } from '../../customers/customers.service.js';
import { dedupKeysOf, findDuplicates, type Hit } from '../../customers/dedup.js';
import { customerColumns, customerStatusLabels } from '../../customers/export-columns.js';
import '../../customers/objects.js';
import {
  type ImportField,
  type ImportTarget,
  type RowIssue,
  registerImportTarget,
  type WriteMeta,
  type WriteOutcome,
} from '../target.js';
import { cellReader, customValue, foldName, phoneText, text } from './cells.js';
import { describeHits } from './existing.js';

// Customers, with an optional contact on the same row (公司名称 + 联系人 + 手机 is the typical Chinese list).

const label = (k: keyof typeof customerColumns) => customerColumns[k].label;

const recordFields: ImportField[] = [
  {
    key: 'name',
    label: label('name'),
    group: 'record',
    required: true,
    synonyms: [
      '客户名称',
      '公司名称',
      '单位名称',
      '企业名称',
      '客户',
      '公司',
      '名称',
      'name',
      'company',
      'company name',
      'customer',
      'account',
    ],
  },
  {
    key: 'shortName',
    label: label('shortName'),
    group: 'record',
    synonyms: ['简称', '客户简称', '公司简称', 'short name'],
  },
  {
    key: 'level',
    label: label('level'),
    group: 'record',
    synonyms: ['等级', '客户等级', '级别', '客户级别', 'level', 'grade', 'tier'],
  },
  { key: 'status', label: label('status'), group: 'record', synonyms: ['客户状态', '状态', 'status'] },
  {
    key: 'industry',
    label: label('industry'),
    group: 'record',
    synonyms: ['行业', '所属行业', '行业类型', 'industry'],
  },
  {
    key: 'province',
    label: label('province'),
    group: 'record',
    synonyms: ['省份', '省', '所在省份', 'province', 'state'],
  },
  { key: 'city', label: label('city'), group: 'record', synonyms: ['城市', '市', '所在城市', 'city'] },
  {
    key: 'address',
    label: label('address'),
    group: 'record',
    synonyms: ['地址', '详细地址', '公司地址', '办公地址', 'address'],
  },
  {
    key: 'phone',
    label: label('phone'),
    group: 'record',
    synonyms: [
      '电话',
      '手机',
      '联系电话',
      '公司电话',
      '座机',
      '手机号',
      '手机号码',
      '电话号码',
      'phone',
      'telephone',
      'tel',
      'mobile',
    ],
  },
  {
    key: 'email',
    label: label('email'),
    group: 'record',
    synonyms: ['邮箱', '电子邮件', '电子邮箱', '邮件', 'email', 'e-mail', 'mail'],
  },
  {
    key: 'website',
    label: label('website'),
    group: 'record',
    synonyms: ['网站', '网址', '官网', '公司网站', 'website', 'web', 'url'],
  },
  {
    key: 'source',
    label: label('source'),
    group: 'record',
    synonyms: ['来源', '客户来源', '线索来源', 'source', 'lead source'],
  },
  {
    key: 'tags',
    label: label('tags'),
    group: 'record',
    synonyms: ['标签', '客户标签', 'tags', 'tag', 'labels'],
  },
  {
    key: 'owner',
    label: label('owner'),
    group: 'record',
    synonyms: [
      '负责人',
      '客户负责人',
      '销售',
      '归属人',
      '所属销售',
      '跟进人',
      'owner',
      'sales rep',
      'account owner',
    ],
  },
  {
    key: 'contact.name',
    label: { 'zh-CN': '联系人', en: 'Contact' },
    group: 'contact',
    synonyms: ['联系人', '联系人姓名', '姓名', '联系人名称', 'contact', 'contact name', 'contact person'],
  },
  {
    key: 'contact.title',
    label: { 'zh-CN': '职务', en: 'Job title' },
    group: 'contact',
    synonyms: ['职务', '职位', '联系人职务', '职称', 'title', 'job title', 'position'],
  },
  {
    key: 'contact.mobile',
    label: { 'zh-CN': '联系人手机', en: 'Contact mobile' },
    group: 'contact',
    synonyms: ['联系人手机', '联系人手机号', '联系人电话', 'contact mobile', 'contact phone'],
  },
  {
    key: 'contact.email',
    label: { 'zh-CN': '联系人邮箱', en: 'Contact e-mail' },
    group: 'contact',
    synonyms: ['联系人邮箱', '联系人邮件', 'contact email', 'contact e-mail'],
  },
  {
    key: 'contact.wechat',
    label: { 'zh-CN': '微信', en: 'WeChat' },
    group: 'contact',
    synonyms: ['微信', '微信号', '联系人微信', 'wechat', 'weixin'],
  },
];

const limits: Record<string, number> = {
  name: 200,
  shortName: 50,
  industry: 50,
  province: 30,
  city: 30,
  address: 300,
  website: 300,
  source: 50,
  'contact.name': 100,
  'contact.title': 100,
  'contact.wechat': 100,
};

type Prepared = {
  users: Map<string, string[]>; // folded name or e-mail → active user ids
  custom: CustomFieldDef[];
};

export type CustomerRecord = {
  fields: Fields & { name: string };
  contact: { name: string; title?: string; mobile?: string; email?: string; wechat?: string } | null;
};

/** 手机 next to 联系人 is the contact's mobile (公司名称 + 联系人 + 手机); on its own, the company's phone. */
function refineMapping(mapping: Record<number, string>, headers: string[]) {
  const mapped = new Set(Object.values(mapping));
  if (!mapped.has('contact.name') || mapped.has('contact.mobile')) return;
  for (const [i, key] of Object.entries(mapping)) {
    const h = headers[Number(i)]?.replace(/\s/g, '') ?? '';
    if (key === 'phone' && /^(手机|手机号|手机号码|mobile)$/i.test(h)) mapping[Number(i)] = 'contact.mobile';
  }
}

const levelOf = (s: string) => {
  const m = /^([abc])\s*(级|类)?$/i.exec(s.trim());
  return m ? (m[1]!.toUpperCase() as 'A' | 'B' | 'C') : null;
};

function statusOf(s: string): 'prospect' | 'customer' | 'churned' | null {
  const v = s.trim().toLowerCase();
  for (const [key, labels] of Object.entries(customerStatusLabels))
    if (v === key || v === labels['zh-CN'] || v === labels.en.toLowerCase() || `${v}客户` === labels['zh-CN'])
      return key as 'prospect';
  return null;
}

export const customerTarget: ImportTarget<CustomerRecord, Prepared> = {
  object: 'customer',
  tables: ['customers', 'contacts', 'dedup_keys', 'search_docs', 'ownership_history', 'audit_log', 'events'],
  label: { 'zh-CN': '客户', en: 'Customers' },

  async fields(ctx, actor) {
    const defs = (await customFieldDefs(ctx.db, actor.orgId, 'customer')).filter((d) => d.active);
    return [
      ...recordFields,
      ...defs.map((d) => ({
        key: `custom.${d.key}`,
        label: { 'zh-CN': d.labelZh, en: d.labelEn },
        group: 'custom' as const,
        synonyms: [d.key],
      })),
    ];
  },

  refineMapping,

  async prepare(db, actor) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('orgId', '=', actor.orgId)
      .where('active', '=', 1)
      .execute();
    const users = new Map<string, string[]>();
    for (const u of rows)
      for (const k of new Set([foldName(u.name), foldName(u.email)]))
        users.set(k, [...(users.get(k) ?? []), u.id]);
    const custom = (await customFieldDefs(db, actor.orgId, 'customer')).filter((d) => d.active);
    return { users, custom };
  },

  parse(values, prepared) {
    const issues: RowIssue[] = [];
    const read = cellReader(values, issues, limits);
    const name = read('name');
    if (!name) issues.push({ field: 'name', code: 'import_required' });
    const f: Fields & { name: string } = { name };
    for (const k of ['shortName', 'industry', 'address', 'website', 'source'] as const) {
      const s = read(k);
      if (s) f[k] = s;
    }
    const province = read('province');
    const city = read('city');
    if (province || city) f.region = { province: province || null, city: city || null };
    const level = read('level');
    if (level) {
      const l = levelOf(level);
      if (l) f.level = l;
      else issues.push({ field: 'level', code: 'import_bad_value', params: { value: level } });
    }
    const status = read('status');
    if (status) {
      const s = statusOf(status);
      if (s) f.status = s;
      else issues.push({ field: 'status', code: 'import_bad_value', params: { value: status } });
    }
    const phone = read('phone', phoneText);
    if (phone) {
      if (normalizePhone(phone)) f.phone = phone;
      else issues.push({ field: 'phone', code: 'invalid_phone', params: { value: phone } });
    }
    const email = read('email');
    if (email) {
      if (normalizeEmail(email)) f.email = email;
      else issues.push({ field: 'email', code: 'invalid_email', params: { value: email } });
    }
    const tags = read('tags');
    if (tags) {
      const list = [
        ...new Set(
          tags
            .split(/[,，;；、|\n]/)
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ];
      if (list.length > 20 || list.some((t) => t.length > 30))
        issues.push({ field: 'tags', code: 'import_bad_value', params: { value: tags } });
      else f.tags = list;
    }
    const owner = read('owner');
    if (owner) {
      const ids = prepared.users.get(foldName(owner)) ?? [];
      if (ids.length === 1) f.ownerId = ids[0];
      else
        issues.push({
          field: 'owner',
          code: ids.length ? 'import_owner_ambiguous' : 'import_owner_not_found',
          params: { value: owner },
        });
    }
    const custom: Record<string, unknown> = {};
    for (const def of prepared.custom) {
      const v = values.get(`custom.${def.key}`);
      if (v === undefined || v === null || text(v) === '') continue;
      custom[def.key] = customValue(def, v, prepared.users);
    }
    if (Object.keys(custom).length) f.custom = custom;

    let contact: CustomerRecord['contact'] = null;
    const c = {
      name: read('contact.name'),
      title: read('contact.title'),
      mobile: read('contact.mobile', phoneText),
      email: read('contact.email'),
      wechat: read('contact.wechat'),
    };
    if (c.name || c.mobile || c.email || c.wechat || c.title) {
      if (!c.name) issues.push({ field: 'contact.name', code: 'import_required' });
      if (c.mobile && !normalizePhone(c.mobile))
        issues.push({ field: 'contact.mobile', code: 'invalid_phone', params: { value: c.mobile } });
      if (c.email && !normalizeEmail(c.email))
        issues.push({ field: 'contact.email', code: 'invalid_email', params: { value: c.email } });
      contact = Object.fromEntries(Object.entries(c).filter(([, v]) => v)) as CustomerRecord['contact'];
    }
    return { record: issues.length ? null : { fields: f, contact }, issues };
  },

  keys({ fields, contact }) {
    const k = dedupKeysOf(fields);
    const out: { kind: string; key: string }[] = [];
    if (k.company) out.push({ kind: 'company', key: k.company });
    if (k.phone) out.push({ kind: 'phone', key: k.phone });
    if (k.email) out.push({ kind: 'email', key: k.email });
    const m = contact?.mobile ? normalizePhone(contact.mobile)?.e164 : null;
    if (m && m !== k.phone) out.push({ kind: 'phone', key: m });
    return out;
  },

  async existing(db, actor, { fields, contact }) {
    const hits = await findDuplicates(db, actor.orgId, dedupKeysOf(fields));
    if (contact?.mobile || contact?.email)
      for (const h of await findDuplicates(
        db,
        actor.orgId,
        dedupKeysOf({ phone: contact.mobile, email: contact.email }),
      ))
        if (h.exact && !hits.some((x) => x.recordId === h.recordId)) hits.push(h);
    if (!hits.length) return null;
    return describeHits(db, actor, hits);
  },

  async write(tx, actor, record, meta) {
    return writeCustomer(tx, actor, record, meta);
  },
};

async function customerIdsOf(tx: Kysely<DB>, orgId: string, hits: Hit[]): Promise<string[]> {
  const ids = new Set(hits.filter((h) => h.object === 'customer').map((h) => h.recordId));
  const contactIds = hits.filter((h) => h.object === 'contact').map((h) => h.recordId);
  if (contactIds.length) {
    const rows = await tx
      .selectFrom('contacts')
      .select('customerId')
      .where('orgId', '=', orgId)
      .where('id', 'in', contactIds)
      .execute();
    for (const r of rows) ids.add(r.customerId);
  }
  return [...ids];
}

async function writeCustomer(
  tx: Kysely<DB>,
  actor: Actor,
  { fields, contact }: CustomerRecord,
  meta: WriteMeta,
): Promise<WriteOutcome> {
  const change = {
    orgId: meta.orgId,
    actorId: meta.actorId,
    at: meta.at,
    source: { importId: meta.importId },
  };
  // Similar names were found by the dry run; the run asks only for exact duplicates unless told to.
  const hits = await findDuplicates(tx, actor.orgId, dedupKeysOf(fields), { near: !meta.importSimilar });
  const exact = hits.filter((h) => h.exact);
  const addContact = async (customerId: string) => {
    if (!contact?.name) return;
    const known = contact.mobile
      ? await tx
          .selectFrom('contacts')
          .select('id')
          .where('orgId', '=', actor.orgId)
          .where('customerId', '=', customerId)
          .where('mobileE164', '=', normalizePhone(contact.mobile)?.e164 ?? '')
          .where('deletedAt', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!known) await createContact(tx, actor, customerId, { ...contact, name: contact.name }, change);
  };

  if (exact.length && meta.policy !== 'create') {
    const found = await describeHits(tx, actor, exact);
    if (meta.policy === 'skip')
      return { outcome: 'skipped', issue: { code: 'import_duplicate_skipped', params: found.params } };
    const ids = await customerIdsOf(tx, actor.orgId, exact);
    if (ids.length !== 1) throw new AppError(422, 'import_merge_ambiguous', found.params);
    const id = ids[0]!;
    if (!(await canOnRecord(tx, actor, 'customer', 'update', id))) {
      const owner = await tx
        .selectFrom('customers as c')
        .leftJoin('users as u', 'u.id', 'c.ownerId')
        .select('u.name')
        .where('c.id', '=', id)
        .executeTakeFirst();
      throw new AppError(422, 'import_merge_not_allowed', { owner: owner?.name ?? null });
    }
    const { ownerId: _owner, name: _name, ...changes } = fields;
    if (changes.tags) {
      const before = await tx
        .selectFrom('customers')
        .select('tags')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      changes.tags = [...new Set([...(JSON.parse(before.tags) as string[]), ...changes.tags])];
    }
    if (Object.keys(changes).length) await updateCustomer(tx, actor, id, changes, change);
    await addContact(id);
    return { outcome: 'merged' };
  }
  const near = hits.filter((h) => !h.exact);
  if (!exact.length && near.length && !meta.importSimilar) {
    const found = await describeHits(tx, actor, near);
    return { outcome: 'skipped', issue: { code: 'import_similar_skipped', params: found.params } };
  }
  // The duplicate checks were just made in this transaction: createCustomer need not repeat them.
  const id = await createCustomer(tx, actor, fields, {
    ...change,
    allowDuplicate: true,
    nearDuplicateReason: near.length ? `import ${meta.importId}` : undefined,
  });
  await addContact(id);
  return { outcome: 'created' };
}

registerImportTarget(customerTarget);
