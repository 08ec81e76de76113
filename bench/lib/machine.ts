import { execFileSync } from 'node:child_process';
import os from 'node:os';

export type MachineInfo = {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  commit: string;
  date: string;
  /** 1-minute load average when the bench started: other work on the machine skews the figures. */
  loadAverage: number;
};

/** What the figures were measured on; written above every results table. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'bench'], {
      encoding: 'utf8',
    });
    if (dirty.trim()) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    commit,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: os.loadavg()[0] ?? 0,
  };
}
