import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Clock } from '@lic/clock';

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the run started: a busy, shared machine shows here. */
  readonly load1: number;
  /** When the run started (ISO-8601, UTC). */
  readonly date: string;
}

/** The CPU model as /proc/cpuinfo names it (os.cpus() as a fallback off Linux). */
const cpuModel = (): string => {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
};

export const describeMachine = (clock: Clock): Machine => ({
  cores: cpus().length,
  cpu: cpuModel(),
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  os: `${type()} ${release()}`,
  load1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  date: new Date(clock.now()).toISOString(),
});

/** One line: "2 × AMD EPYC, 23.4 GiB RAM, Node v20.20.2, Linux 6.1". */
export const machineLine = (m: Machine): string =>
  `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.os}`;

/** Same machine (the date aside)? */
export const sameMachine = (a: Machine, b: Machine): boolean =>
  a.cores === b.cores &&
  a.cpu === b.cpu &&
  a.memoryGiB === b.memoryGiB &&
  a.node === b.node &&
  a.os === b.os;
