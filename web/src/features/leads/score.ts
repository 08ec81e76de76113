import type { Lead } from '../../app/api-types';

// 线索评分 bands: what a colour on the list says at a glance (the number is always shown beside it).

export type ScoreBand = 'hot' | 'warm' | 'cold';

/** 80 and up is hot (the 高分 filter), 50 and up warm, the rest cold. */
export const hotScore = 80;

export const scoreBand = (score: number): ScoreBand =>
  score >= hotScore ? 'hot' : score >= 50 ? 'warm' : 'cold';

export const bandColor: Record<ScoreBand, string> = { hot: 'volcano', warm: 'gold', cold: 'default' };

/**
 * The sum of the rules that fired, and whether the 0–100 bounds cut it (the score is the sum kept
 * within them, so a line-by-line reader would otherwise find the total wrong).
 */
export function scoreSum(l: Pick<Lead, 'score' | 'scoreExplanation'>): { sum: number; bounded: boolean } {
  const sum = l.scoreExplanation.reduce((s, line) => s + line.points, 0);
  return { sum, bounded: sum !== l.score };
}

/** "+25" / "−10": every line shows its sign. */
export const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0');
