import { performance } from 'node:perf_hooks';

/** Median, 95th percentile and how many runs they come from (ms). */
export type Stats = { p50: number; p95: number; n: number };

/**
 * Runs `fn` a few times to warm up (three runs, or one when a run takes over a second), then up to `n`
 * times one after another, stopping at `maxSeconds` once `min` runs are done.
 */
export async function sample(n: number, maxSeconds: number, fn: () => unknown, min = 5): Promise<Stats> {
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await fn();
    if (performance.now() - t > 1000) break;
  }
  const times: number[] = [];
  const until = performance.now() + maxSeconds * 1000;
  while (times.length < n && (times.length < min || performance.now() < until)) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), n: times.length };
}
