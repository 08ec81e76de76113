import { fork } from 'node:child_process';
import type autocannon from 'autocannon';

export type LoadResult = {
  requestsPerSec: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
};

/** Runs autocannon in a child process against a listening server and summarises the result. */
export async function load(o: autocannon.Options): Promise<LoadResult> {
  const child = fork(new URL('./load-child.mjs', import.meta.url), [], {
    execArgv: [],
    serialization: 'advanced',
  });
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    child.once('message', (m: { result?: autocannon.Result; error?: string }) =>
      m.result ? resolve(m.result) : reject(new Error(m.error)),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load process exited with ${code}`)));
    child.send(o);
  });
  const statusCodes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );
  return {
    requestsPerSec: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes,
  };
}
