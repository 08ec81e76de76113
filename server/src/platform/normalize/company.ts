import { HAN_LOCATION_PREFIXES, LOCATION_NAMES } from './company-locations.js';
import { firstCodePoints, toHalfWidth } from './text.js';

/**
 * Company names are matched on a key, not as typed:
 * - full-width forms, case, spaces and all punctuation/symbols (Chinese and Western) do not count;
 * - a bracket holding a place (（北京）, (Shanghai), 【深圳】, （南山区）) is dropped with its content,
 *   any other bracket only loses the bracket characters: 中国平安保险（集团）股份有限公司 → 中国平安保险;
 * - legal-form suffixes at the end are dropped, repeatedly: 有限公司, 股份有限公司, 集团, Co., Ltd., Inc…;
 * - a location written *without* brackets stays: 上海华为技术有限公司 and 华为技术有限公司 are two
 *   registered names, so two keys. companySimilarity is what relates them (a warning, not a block).
 * companyKey is idempotent, so stored keys can be passed wherever a name is expected.
 */

/** Upper bound of a key, in characters; registered Chinese names stay far below it. */
export const MAX_COMPANY_KEY_LENGTH = 100;
/** Characters of a raw name read at all; bounds the work on hostile input. */
const MAX_NAME_INPUT = 1000;

const HAN_LEGAL_SUFFIXES = [
  '集团股份有限公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '股份公司',
  '有限合伙',
  '普通合伙',
  '总公司',
  '分公司',
  '公司',
  '集团',
].sort((a, b) => b.length - a.length);

/** Legal-form words of Latin names, removed only as whole last words: 'Zinc' keeps its 'inc'. */
const LATIN_LEGAL_WORDS = new Set(
  'ltd limited co company inc incorporated llc llp corp corporation gmbh ag plc pte pty group'.split(' '),
);

const BRACKET_PAIR = /[([{【〔〈《「『〖]([^()[\]{}【】〔〕〈〉《》「」『』〖〗]*)[)\]}】〕〉》」』〗]/u;
const HAN = /\p{Script=Han}/u;
const BRACKETED_PLACE = /^\p{Script=Han}{2,9}[省市区县州]$/u;
const HAN_LATIN_SEAM =
  /(?<=\p{Script=Han})(?=[\p{Script=Latin}\d])|(?<=[\p{Script=Latin}\d])(?=\p{Script=Han})/gu;
const MAX_FOLD_PASSES = 10;

export function companyKey(name: string): string {
  // A pass can expose more to fold: '华为 co rp' gives '华为corp', whose 'corp' is a legal word once it
  // stands alone. Repeating until nothing changes makes the key idempotent; every further pass only
  // shortens the key, so this ends after a pass or two (the cap is a guard, never reached in tests).
  let key = foldOnce(name.slice(0, MAX_NAME_INPUT));
  for (let pass = 0; pass < MAX_FOLD_PASSES; pass++) {
    const next = foldOnce(key);
    if (next === key) break;
    key = next;
  }
  return key;
}

function foldOnce(name: string): string {
  let text = toHalfWidth(name).toLowerCase().normalize('NFKC');
  // L.L.C. / S.A. → llc / sa, so the dots do not split them into letters.
  text = text.replace(/\b(?:[a-z]\.){2,}/g, (abbr) => abbr.replaceAll('.', ''));
  text = dropBrackets(text);
  const words = firstCodePoints(
    text
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
      // Spaces inside Chinese text mean nothing (华为技术 有限公司); between Latin words they mark
      // where a legal-form word starts, and so does a switch of script (华为Co.,Ltd.).
      .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '')
      .replace(HAN_LATIN_SEAM, ' ')
      .trim(),
    MAX_COMPANY_KEY_LENGTH,
  )
    .split(' ')
    .filter((word) => word !== '');
  // NFKC again: removed punctuation may have left characters that compose.
  return stripLegalSuffixes(words).join('').normalize('NFKC');
}

/** Innermost pair first, so nested and repeated brackets all go. */
function dropBrackets(text: string): string {
  let out = text;
  for (let pair = BRACKET_PAIR.exec(out); pair; pair = BRACKET_PAIR.exec(out)) {
    const inner = pair[1]!;
    const kept = isPlace(inner) ? ' ' : ` ${inner} `;
    out = out.slice(0, pair.index) + kept + out.slice(pair.index + pair[0].length);
  }
  return out;
}

function isPlace(bracketContent: string): boolean {
  const folded = bracketContent.replace(/[^\p{L}\p{N}]/gu, '');
  return LOCATION_NAMES.has(folded) || BRACKETED_PLACE.test(folded);
}

/** Never strips the whole name: a company called 'Limited' or 集团 keeps its key. */
function stripLegalSuffixes(words: string[]): string[] {
  const out = [...words];
  let length = out.reduce((sum, word) => sum + word.length, 0);
  for (;;) {
    const last = out.at(-1);
    if (last === undefined) return out;
    if (out.length > 1 && LATIN_LEGAL_WORDS.has(last)) {
      out.pop();
      length -= last.length;
      continue;
    }
    const suffix = HAN_LEGAL_SUFFIXES.find((s) => last.endsWith(s));
    if (suffix === undefined || suffix.length === length) return out;
    const rest = last.slice(0, -suffix.length);
    if (rest === '') out.pop();
    else out[out.length - 1] = rest;
    length -= suffix.length;
  }
}

// ---- Near matches ------------------------------------------------------------------------------

/**
 * Similarity at or above this is a near duplicate: the user sees a warning and may go on with a
 * reason. Chosen against the cases in company.test.ts: names that share their distinctive part
 * (腾讯 / 腾讯科技, 上海华为技术 / 华为技术, a one-character typo in an 8-character name) score
 * 0.85 or more; names that share only a city or an industry word (北京科技 / 南京科技, ABC Trading /
 * XYZ Trading) stay at 0.67 or below.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** Score of two names whose distinctive part (core) is the same but whose keys differ. */
const SAME_CORE_SCORE = 0.9;
/** Score when one core starts with the whole other core: 腾讯 / 腾讯音乐, Tencent / Tencent Music. */
const CORE_PREFIX_SCORE = 0.85;
/** Below this weight (a Han character weighs 2, others 1) a prefix is too short to mean anything. */
const MIN_PREFIX_WEIGHT = 4;
/** Different keys never score 1, so 1 always means "the same key". */
const MAX_NEAR_SCORE = 0.99;

/** Words describing the line of business rather than the company; dropped from the core only. */
const INDUSTRY_WORDS = [
  ...'科技 技术 网络 信息 软件 电子 数码 数据 智能 系统 集成 通信 贸易 商贸 商务 实业 发展 咨询 服务 管理 投资 控股 国际 工程 文化 传媒 广告 物流 供应链 医药 生物 环保 能源 新能源 建设 建筑 工业 制造 设备 机械 食品 教育 电器 材料 化工 汽车 金融 物业 房地产 置业 地产 企业 进出口 互联网 开发 娱乐'.split(
    ' ',
  ),
  ...'technology technologies tech trading software systems system solutions services service consulting international holdings holding industries industrial enterprises enterprise global networks network electronics digital media logistics investment development engineering manufacturing'.split(
    ' ',
  ),
].sort((a, b) => b.length - a.length);

/** Fewest characters a core may be cut down to. */
const MIN_CORE_LENGTH = 2;

/**
 * How alike two company names are, 0..1, from their keys (names or stored keys both work): 1 for
 * the same key, 0 when either key is empty. The larger of
 * - the Dice coefficient of character bigrams of the keys (suits Chinese, where a word is ~2 characters),
 * - SAME_CORE_SCORE × Dice of the cores (the key without leading place names and trailing industry words),
 * - CORE_PREFIX_SCORE when one core starts with the other.
 */
export function companySimilarity(a: string, b: string): number {
  const keyA = companyKey(a);
  const keyB = companyKey(b);
  if (keyA === '' || keyB === '') return 0;
  if (keyA === keyB) return 1;
  const coreA = coreOf(keyA);
  const coreB = coreOf(keyB);
  let score = Math.max(dice(keyA, keyB), SAME_CORE_SCORE * dice(coreA, coreB));
  if (startsWithCore(coreA, coreB) || startsWithCore(coreB, coreA))
    score = Math.max(score, CORE_PREFIX_SCORE);
  return Math.min(score, MAX_NEAR_SCORE);
}

/**
 * True when the names are similar enough to warn about. Equal keys count too; the caller has already
 * refused those as duplicates by the time it asks about near ones.
 */
export function isNearDuplicate(a: string, b: string, threshold = NEAR_DUPLICATE_THRESHOLD): boolean {
  return companySimilarity(a, b) >= threshold;
}

/**
 * The distinctive part of a company key: without a leading place name (上海, 北京 …) and trailing
 * industry words (科技, 技术 …). Near-duplicate candidates are looked up by its first characters.
 */
export function companyCore(key: string): string {
  return coreOf(key);
}

function coreOf(key: string): string {
  let core = key;
  for (let word = trailingIndustryWord(core); word; word = trailingIndustryWord(core))
    core = core.slice(0, -word.length);
  for (let place = leadingPlace(core); place; place = leadingPlace(core)) core = core.slice(place.length);
  return core;
}

function trailingIndustryWord(core: string): string | undefined {
  return INDUSTRY_WORDS.find((w) => core.endsWith(w) && core.length - w.length >= MIN_CORE_LENGTH);
}

function leadingPlace(core: string): string | undefined {
  return HAN_LOCATION_PREFIXES.find((p) => core.startsWith(p) && core.length - p.length >= MIN_CORE_LENGTH);
}

function startsWithCore(longer: string, shorter: string): boolean {
  if (longer.length <= shorter.length || !longer.startsWith(shorter)) return false;
  let weight = 0;
  for (const ch of shorter) weight += HAN.test(ch) ? 2 : 1;
  return weight >= MIN_PREFIX_WEIGHT;
}

/** Sørensen–Dice over character bigrams, counting repeats; a one-character string is its own gram. */
function dice(a: string, b: string): number {
  const gramsA = bigrams(a);
  const gramsB = bigrams(b);
  const counts = new Map<string, number>();
  for (const g of gramsA) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of gramsB) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  const total = gramsA.length + gramsB.length;
  return total === 0 ? 0 : (2 * shared) / total;
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((ch, i) => chars[i] + ch);
}
