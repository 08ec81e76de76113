import { recordChange } from '../../../platform/audit/record.js';
import { normalizeEmail, normalizePhone } from '../../../platform/normalize/index.js';
import { notify } from '../../../platform/notify/service.js';
import { customFieldDefs } from '../../custom-fields/custom-fields.repo.js';
import type { CustomFieldDef } from '../../custom-fields/custom-fields.schema.js';
import { dedupKeysOf } from '../../customers/dedup.js';
import '../../leads/objects.js';
import { identityOf, type LeadFields, selectLeads } from '../../leads/leads.repo.js';
import { createLead, leadDuplicates } from '../../leads/leads.service.js';
import {
  recordField as f,
  type ImportField,
  type ImportTarget,
  type RowIssue,
  registerImportTarget,
} from '../target.js';
import { cellReader, customValue, phoneText } from './cells.js';
import { describeHits } from './existing.js';

// Leads from a list (an exhibition's visitors, a purchased list): one person per row, their company,
// phone and what they asked; the importer picks the list's 来源 and campaign for every row. Rows go
// through the one create path, scored and routed by the assignment rules like any intake.

const leadFields: ImportField[] = [
  f(
    'name',
    '姓名',
    'Name',
    ['姓名', '联系人', '联系人姓名', '名字', '客户姓名', 'name', 'contact', 'full name'],
    true,
  ),
  f('company', '公司名称', 'Company', [
    '公司名称',
    '公司',
    '单位',
    '单位名称',
    '企业名称',
    'company',
    'organization',
  ]),
  f('title', '职务', 'Job title', ['职务', '职位', '职称', 'title', 'job title', 'position']),
  f('phone', '手机', 'Mobile', ['手机', '手机号', '手机号码', '电话', '联系电话', 'mobile', 'phone', 'tel']),
  f('email', '邮箱', 'E-mail', ['邮箱', '电子邮件', '电子邮箱', 'email', 'e-mail']),
  f('wechat', '微信', 'WeChat', ['微信', '微信号', 'wechat', 'weixin']),
  f('province', '省份', 'Province', ['省份', '省', 'province']),
  f('city', '城市', 'City', ['城市', '市', 'city']),
  f('industry', '行业', 'Industry', ['行业', '所属行业', 'industry']),
  f('source', '来源', 'Source', ['来源', '线索来源', 'source', 'lead source']),
  f('inquiry', '需求描述', 'Enquiry', [
    '需求',
    '需求描述',
    '询盘',
    '询盘内容',
    '咨询内容',
    '备注',
    'inquiry',
    'enquiry',
    'notes',
    'remark',
  ]),
];

const limits: Record<string, number> = {
  name: 100,
  company: 200,
  title: 50,
  phone: 50,
  email: 254,
  wechat: 50,
  province: 30,
  city: 30,
  industry: 50,
  source: 50,
  inquiry: 2000,
};

type LeadRecord = { fields: LeadFields & { name: string } };
type Prepared = { custom: CustomFieldDef[] };

export const leadTarget: ImportTarget<LeadRecord, Prepared> = {
  object: 'lead',
  tables: ['leads', 'dedup_keys', 'ownership_history', 'audit_log', 'events'],
  label: { 'zh-CN': '线索', en: 'Leads' },

  async fields(ctx, actor) {
    const defs = (await customFieldDefs(ctx.db, actor.orgId, 'lead')).filter((d) => d.active);
    return [
      ...leadFields,
      ...defs.map((d) => ({
        key: `custom.${d.key}`,
        label: { 'zh-CN': d.labelZh, en: d.labelEn },
        group: 'custom' as const,
        synonyms: [d.key],
      })),
    ];
  },

  async prepare(db, actor) {
    return { custom: (await customFieldDefs(db, actor.orgId, 'lead')).filter((d) => d.active) };
  },

  parse(values, prepared) {
    const issues: RowIssue[] = [];
    const read = cellReader(values, issues, limits);
    const name = read('name');
    if (!name) issues.push({ field: 'name', code: 'import_required' });
    const fields: LeadRecord['fields'] = { name };
    for (const k of ['company', 'title', 'wechat', 'industry', 'source', 'inquiry'] as const) {
      const s = read(k);
      if (s) fields[k] = s;
    }
    const province = read('province');
    const city = read('city');
    if (province || city) fields.region = { province: province || null, city: city || null };
    const phone = read('phone', phoneText);
    if (phone) {
      if (normalizePhone(phone)) fields.phone = phone;
      else issues.push({ field: 'phone', code: 'invalid_phone', params: { value: phone } });
    }
    const email = read('email');
    if (email) {
      if (normalizeEmail(email)) fields.email = email;
      else issues.push({ field: 'email', code: 'invalid_email', params: { value: email } });
    }
    const custom: Record<string, unknown> = {};
    for (const def of prepared.custom) {
      const v = values.get(`custom.${def.key}`);
      const s = read(`custom.${def.key}`);
      if (v === undefined || v === null || s === '') continue;
      custom[def.key] = customValue(def, v, new Map());
    }
    if (Object.keys(custom).length) fields.custom = custom;
    return { record: issues.length ? null : { fields }, issues };
  },

  keys({ fields }) {
    const k = dedupKeysOf(identityOf(fields));
    return (['company', 'phone', 'email'] as const).flatMap((kind) =>
      k[kind] ? [{ kind, key: k[kind]! }] : [],
    );
  },

  async existing(db, actor, { fields }) {
    const hits = await leadDuplicates(db, actor.orgId, dedupKeysOf(identityOf(fields)));
    return hits.length ? { ...(await describeHits(db, actor, hits)), code: 'import_lead_exists' } : null;
  },

  /**
   * skip: a row that matches a lead, customer or contact is not imported; merge: a row that matches a
   * lead is told to that lead (its owner hears of the new enquiry) — other matches are skipped;
   * create: imported anyway, marked with what it matches (needs create_duplicate).
   */
  async write(tx, actor, { fields }, meta) {
    const hits = await leadDuplicates(tx, actor.orgId, dedupKeysOf(identityOf(fields)));
    const change = { orgId: meta.orgId, actorId: meta.actorId, at: meta.at };
    const lead = hits.find((h) => h.object === 'lead');
    if (hits.length && meta.policy === 'merge' && lead) {
      const existing = await selectLeads(tx, meta.orgId)
        .where('l.id', '=', lead.recordId)
        .executeTakeFirstOrThrow();
      await recordChange(tx, {
        ...change,
        object: 'lead',
        recordId: existing.id,
        action: 'enquired_again',
        payload: { inquiry: fields.inquiry ?? null, importId: meta.importId },
      });
      if (existing.ownerId)
        await notify(
          tx,
          meta.orgId,
          [existing.ownerId],
          { kind: 'lead_enquired_again', params: { name: existing.name }, link: `/leads/${existing.id}` },
          meta.at,
        );
      return { outcome: 'merged' };
    }
    if (hits.length && meta.policy !== 'create') {
      const found = await describeHits(tx, actor, hits);
      return { outcome: 'skipped', issue: { code: 'import_lead_skipped', params: found.params } };
    }
    await createLead(
      tx,
      actor,
      { ...fields, source: fields.source || meta.stamp.source || null, assign: 'rules' },
      {
        ...change,
        intake: {
          channel: 'import',
          detail: {
            importId: meta.importId,
            ...(meta.stamp.campaign ? { campaign: meta.stamp.campaign } : {}),
          },
        },
        onDuplicate: 'flag',
      },
    );
    return { outcome: 'created' };
  },
};

registerImportTarget(leadTarget);
