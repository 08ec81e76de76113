// 计分: how a scorecard turns each person's (or team's) figures into points — pure arithmetic, kept
// apart from where the figures come from, so every rule can be checked by hand.

export const groups = ['result', 'process', 'customer'] as const;
export type Group = (typeof groups)[number];

/**
 * - `target`: the share of the target reached, in points (100 = reached), at most `cap`;
 * - `linear`: 0 points at `zero`, 100 at `full`, straight in between (a `zero` above `full`: lower is
 *   better, e.g. response hours);
 * - `rank`: by place among everyone scored — the best 100, the last 0, evenly in between.
 */
export type Rule =
  | { type: 'target'; cap: number }
  | { type: 'linear'; zero: number; full: number }
  | { type: 'rank'; better: 'higher' | 'lower' };
export type Item = { metric: string; group: Group; weight: number; rule: Rule };
export type Weights = Record<Group, number>;

/** A subject's figure for an item: the metric's value (null: nothing to compute, e.g. no closed deal) and target. */
export type Figure = { value: number | null; target: number | null };
/** Why an item has no score: no target set for the period, or no value to score. */
export type Unscored = 'no_target' | 'no_value';
export type ItemScore = {
  score: number | null;
  unscored: Unscored | null;
  /** The item's share of the total (the points add up to it). */
  points: number | null;
};
export type Score = {
  total: number | null;
  rank: number | null;
  groups: Record<Group, number | null>;
  items: ItemScore[];
};

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

/** 1-based places, ties sharing the best (1, 2, 2, 4); null values have none. */
export function places(values: (number | null)[], better: 'higher' | 'lower' = 'higher'): (number | null)[] {
  const sign = better === 'higher' ? 1 : -1;
  return values.map((v) =>
    v === null ? null : 1 + values.filter((o) => o !== null && sign * (o - v) > 0).length,
  );
}

/** Scores every subject (in the order given) on the same items: ranks need them all at once. */
export function scoreAll(items: Item[], weights: Weights, figures: Figure[][]): Score[] {
  const itemScores: ItemScore[][] = figures.map(() => []);
  items.forEach((item, i) => {
    const column = figures.map((f) => f[i]!);
    const rule = item.rule;
    const ranked =
      rule.type === 'rank'
        ? places(
            column.map((f) => f.value),
            rule.better,
          )
        : [];
    const scored = ranked.filter((r) => r !== null).length;
    column.forEach((f, s) => {
      let score: number | null = null;
      let unscored: Unscored | null = null;
      if (rule.type === 'target') {
        if (!f.target) unscored = 'no_target';
        else score = clamp(((f.value ?? 0) / f.target) * 100, 0, rule.cap);
      } else if (f.value === null) unscored = 'no_value';
      else if (rule.type === 'linear')
        score = clamp((f.value - rule.zero) / (rule.full - rule.zero), 0, 1) * 100;
      else score = scored <= 1 ? 100 : ((scored - ranked[s]!) / (scored - 1)) * 100;
      itemScores[s]!.push({ score, unscored, points: null });
    });
  });
  const scores = itemScores.map((list) => {
    // A group's score: its scored items, weighted — what has no score leaves its weight to the rest of
    // its group (the breakdown says which). The total: each group at its weight; a group with nothing
    // to score counts 0 (a missing result is not made up for by process), and with nothing scored at
    // all there is no total.
    const groupScore = {} as Record<Group, number | null>;
    const groupWeight = {} as Record<Group, number>;
    for (const g of groups) {
      const inGroup = items
        .map((it, i) => ({ it, s: list[i]! }))
        .filter((x) => x.it.group === g && x.s.score !== null);
      const w = inGroup.reduce((a, x) => a + x.it.weight, 0);
      groupWeight[g] = w;
      groupScore[g] = w > 0 ? inGroup.reduce((a, x) => a + x.s.score! * x.it.weight, 0) / w : null;
    }
    const totalWeight = groups.reduce((a, g) => a + weights[g], 0);
    const anything = groups.some((g) => groupScore[g] !== null);
    const total =
      anything && totalWeight
        ? groups.reduce((a, g) => a + (groupScore[g] ?? 0) * weights[g], 0) / totalWeight
        : null;
    return {
      total: total === null ? null : round1(total),
      rank: null as number | null,
      groups: Object.fromEntries(
        groups.map((g) => [g, groupScore[g] === null ? null : round1(groupScore[g]!)]),
      ) as Record<Group, number | null>,
      items: list.map((s, i) => {
        const g = items[i]!.group;
        const share =
          s.score === null ? null : (items[i]!.weight / groupWeight[g]) * (weights[g] / totalWeight);
        return {
          ...s,
          score: s.score === null ? null : round1(s.score),
          points: share === null ? null : round1(s.score! * share),
        };
      }),
    };
  });
  const rank = places(scores.map((s) => s.total));
  return scores.map((s, i) => ({ ...s, rank: rank[i]! }));
}
