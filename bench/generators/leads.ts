import { dedupKeysOf, dedupRows, type Hit } from '../../server/src/modules/customers/dedup.js';
import { columnsOf, identityOf } from '../../server/src/modules/leads/leads.repo.js';
import { scoreColumns, scoredLead, scoreOf, scoreRules } from '../../server/src/modules/leads/scoring.js';
import { defaultLeadSettings } from '../../server/src/modules/leads/settings.js';
import { defaultPool } from '../../server/src/modules/pools/pools.repo.js';
import { newId } from '../../server/src/platform/ids.js';
import { BatchWriter, type Generator, pick } from './context.js';
import {
  brandFirst,
  brandSecond,
  digits,
  givenNames,
  lines,
  mobilePrefixes,
  orgUserIds,
  places,
  suffixes,
  surnames,
  titles,
} from './customers.js';

const day = 86_400_000;

/** Lead sources as people name them (some fire the shipped score rules: 展会, 转介绍). */
export const leadSources = ['展会', '官网', '百度推广', '公众号', '抖音', '转介绍', '电话营销', '地推'];
const channels = [
  ['api', 0.25],
  ['web_form', 0.3],
  ['import', 0.3],
  ['manual', 0.15],
] as const;
export const campaigns = ['2026 上海工博会', '春季新品发布', '华南经销商大会', '年中促销', '行业白皮书下载'];
export const inquiries = [
  '想了解一下产品报价',
  '我们今年有采购计划，请联系',
  '预算在 20 万左右，需要方案',
  '请发一份产品资料',
  '有招标需求，想约技术交流',
  '咨询价格和交期',
  '想申请试用',
  '了解售后服务',
  '请安排销售联系我',
  '',
];
const leadTitles = [...titles, '老板', '采购', '研发', '专员', ''];
const reasons = defaultLeadSettings.disqualifyReasons;

/**
 * A person's name, a company (city + 3-character brand + business line: ≈100 million names, so two
 * people rarely share one by chance), a mobile as people type them: one row of a lead list.
 */
export function leadPerson(random: () => number, i: number) {
  const place = pick(random, places);
  const [line, industry] = pick(random, lines);
  const mobile = pick(random, mobilePrefixes) + digits(random, 8);
  const f = random();
  return {
    name: pick(random, surnames) + pick(random, givenNames),
    company:
      random() < 0.8
        ? `${place.short}${pick(random, brandFirst)}${pick(random, brandSecond)}${pick(random, brandSecond)}${line}${pick(random, suffixes)}`
        : null,
    title: pick(random, leadTitles) || null,
    phone:
      random() < 0.88
        ? f < 0.75
          ? mobile
          : f < 0.9
            ? `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`
            : `+86 ${mobile}`
        : null,
    email:
      random() < 0.35
        ? `${pick(random, ['li', 'wang', 'zhang', 'chen', 'liu'])}${i}@example-${place.tag}.cn`
        : null,
    province: place.province,
    city: place.city,
    industry,
    inquiry: pick(random, inquiries) || null,
  };
}

type Known = { object: 'lead' | 'customer'; id: string; company: string | null; phone: string | null };

/**
 * Leads: `--leads` people who asked (2 per customer is the size), from every channel and source,
 * owned by the org's active users (≈10 % in the default lead pool), in every status (converted ones
 * linked to a customer, disqualified ones with a shipped reason), scored by the org's own rules. About
 * 3 % give the company or phone of an existing customer and 3 % repeat an earlier lead's phone, flagged
 * with what they match as intake flags them (duplicate_of), so 查重 at the door has real work. Columns
 * from the app's own `columnsOf` (pinyin, company key, normalized phone and e-mail) and `dedupKeysOf`;
 * the dedup_keys rows (object lead) are what `writeDedupKeys` inserts. No audit, ownership history or
 * events (bulk data, as the other generators).
 */
export const leadsGenerator: Generator = {
  name: 'leads',
  options: {
    leads: {
      default: 0,
      help: 'leads (all channels and statuses, scored, owned or pooled) with their 查重 keys',
    },
  },
  async run(ctx, counts) {
    const total = Math.max(0, counts.leads ?? 0);
    if (!total) return;
    const { orgId, now, random } = ctx;
    const owners = ctx.userIds.length ? ctx.userIds : await orgUserIds(ctx);
    if (!owners.length) throw new Error(`org ${orgId} has no users to own leads`);
    const pool = await defaultPool(ctx.db, orgId, now, 'lead');
    const rules = await scoreRules(ctx.db, orgId);
    // Customers a lead may turn out to be (a bounded sample, read once).
    const customers: Known[] = (
      await ctx.db
        .selectFrom('customers')
        .select(['id', 'name', 'phone'])
        .where('orgId', '=', orgId)
        .where('deletedAt', 'is', null)
        .limit(20_000)
        .execute()
    ).map((c) => ({ object: 'customer', id: c.id, company: c.name, phone: c.phone }));
    const recent: Known[] = []; // a ring of earlier leads (phones a later lead repeats)
    // A dozen indexes over random keys: as for customers, a bounded large cache (1 GiB) while generating.
    const cacheSize = ctx.sqlite?.pragma('cache_size', { simple: true });
    ctx.sqlite?.pragma('cache_size = -1048576');
    const writer = new BatchWriter(ctx, 'leads', total, Math.max(ctx.batchSize, 25_000));
    let peakRss = process.memoryUsage().rss;
    let duplicates = 0;
    for (let i = 0; i < total; i++) {
      const person = leadPerson(random, i);
      const r = random();
      let matches: Known | undefined;
      if (r < 0.03 && customers.length) {
        matches = pick(random, customers);
        if (random() < 0.6 && matches.company) person.company = matches.company;
        else if (matches.phone) person.phone = matches.phone;
        else person.company = matches.company;
      } else if (r < 0.06 && recent.length) {
        matches = pick(random, recent);
        if (matches.phone) person.phone = matches.phone;
        else person.company = matches.company;
      }
      const channel = weighted(random, channels);
      const source = pick(random, leadSources);
      const fields = { ...person, region: { province: person.province, city: person.city }, source };
      let keys = dedupKeysOf(identityOf(fields));
      if (fields.phone && !keys.phone) {
        fields.phone = null; // libphonenumber refuses it: the API would have too
        keys = dedupKeysOf(identityOf(fields));
      }
      const cols = columnsOf(fields, keys);
      const custom = '{}';
      const score = scoreOf(rules, scoredLead({ ...cols, channel, wechat: null, custom } as never));
      const s = random();
      const status =
        s < 0.35
          ? 'new'
          : s < 0.6
            ? 'working'
            : s < 0.7
              ? 'qualified'
              : s < 0.85 && customers.length
                ? 'converted'
                : 'disqualified';
      const pooled = (status === 'new' || status === 'working') && random() < 0.12;
      const ownerId = pooled ? null : pick(random, owners);
      const created = now - Math.floor(random() * 540 * day);
      const updated = Math.min(now, created + Math.floor(random() * 60 * day));
      const followedUp = status !== 'new' ? created + Math.floor(random() * 2 * day) : null;
      const converted = status === 'converted' ? pick(random, customers) : null;
      const id = newId();
      const hits: Hit[] = matches
        ? dedupRows(orgId, matches.object, matches.id, dedupKeysOf(identityOf(matches)))
            .filter((row) => row.kind !== 'company_prefix')
            .filter((row) => row.key === keys[row.kind as 'phone' | 'company' | 'email'])
            .map((row) => ({
              object: matches.object,
              recordId: matches.id,
              matchedOn: [row.kind as 'phone' | 'company'],
              exact: true,
            }))
            .slice(0, 1)
        : [];
      if (hits.length) duplicates++;
      await writer.add('leads', {
        id,
        orgId,
        company: null,
        companyKey: null,
        title: null,
        phone: null,
        phoneE164: null,
        email: null,
        wechat: null,
        province: null,
        city: null,
        industry: null,
        source: null,
        inquiry: null,
        ...cols,
        channel,
        channelDetail: JSON.stringify(channelDetail(random, channel)),
        status,
        disqualifyReason: status === 'disqualified' ? pick(random, reasons) : null,
        ownerId,
        ownedSince: ownerId ? created : null,
        poolId: ownerId ? null : pool.id,
        lastFollowUpAt: followedUp ? Math.min(now, followedUp + Math.floor(random() * 20 * day)) : null,
        ...scoreColumns(score),
        learnedScore: null,
        learnedDetail: null,
        assignment: JSON.stringify(
          ownerId
            ? { kind: 'manual', byUserId: null }
            : { kind: 'fallback', poolId: pool.id, poolName: pool.name, skipped: [] },
        ),
        assignedAt: ownerId ? created : null,
        slaDueAt: ownerId ? created + 24 * 3_600_000 : null,
        slaState: ownerId ? (followedUp ? 'met' : created + day < now ? 'escalated' : null) : null,
        firstFollowUpAt: followedUp,
        nextFollowUpAt:
          ownerId && ['new', 'working', 'qualified'].includes(status) ? updated + 3 * day : null,
        convertedCustomerId: converted?.id ?? null,
        convertedContactId: null,
        convertedAt: converted ? updated : null,
        duplicateOf: hits.length ? JSON.stringify(hits) : null,
        custom,
        createdBy: ownerId,
        createdAt: created,
        updatedAt: updated,
        version: 1,
        deletedAt: null,
      });
      for (const row of dedupRows(orgId, 'lead', id, keys)) await writer.add('dedupKeys', row);
      const known: Known = { object: 'lead', id, company: fields.company, phone: fields.phone };
      if (recent.length < 5000) recent.push(known);
      else recent[i % 5000] = known;
      writer.tick();
      if ((i & 4095) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    await writer.done();
    if (ctx.sqlite) ctx.sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    ctx.stats.leads = { rows: total, seconds: writer.seconds(), peakRssMiB: Math.round(peakRss / 2 ** 20) };
    ctx.log(`  leads: ${duplicates} flagged as duplicates of a customer or an earlier lead`);
  },
};

function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  let r = random();
  for (const [item, w] of items) {
    if (r < w) return item;
    r -= w;
  }
  return items.at(-1)![0];
}

function channelDetail(random: () => number, channel: string): Record<string, unknown> {
  if (channel === 'import') return { campaign: pick(random, campaigns) };
  if (channel === 'web_form' || channel === 'api')
    return {
      sourceName: channel === 'api' ? '广告平台回传' : '官网留资表单',
      ...(random() < 0.6
        ? { utm: { utm_source: pick(random, ['baidu', 'wechat', 'douyin']), utm_medium: 'cpc' } }
        : {}),
    };
  return {};
}
