import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far, all threads, user + system, in µs — from
 * /proc/<pid>/stat (fields 14 and 15, after the command name in parentheses). Null where
 * there is no /proc. Less sensitive than a request rate to what else runs on the machine.
 */
export const processCpuMicros = (pid: number | undefined): number | null =>
  pid === undefined ? null : cpuMicrosOf(`/proc/${pid}/stat`);

/**
 * The same for the process's main thread only — the event loop, which every request needs
 * and which no other thread can stand in for: /proc/<pid>/task/<pid>/stat.
 */
export const mainThreadCpuMicros = (pid: number | undefined): number | null =>
  pid === undefined ? null : cpuMicrosOf(`/proc/${pid}/task/${pid}/stat`);

const cpuMicrosOf = (file: string): number | null => {
  try {
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
};
