#!/usr/bin/env node
import type { ChildProcess } from 'node:child_process';
import { versionOf } from '@lic/cli';
import { LicenseError, SdkCodes } from '../errors/license-error';
import type { Lease } from '../floating/lease';
import type { SeatWait } from '../floating/checkout';
import { LicenseClient } from '../license-client';
import { parseArgs, USAGE, type RunArgs } from './args';
import { ExitCodes } from './exit-codes';
import { runChild, signalNumber, statusOf } from './run-child';

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const REFUSED_LEASE: ReadonlySet<string> = new Set([
  'LICENSE_REVOKED',
  'LICENSE_SUSPENDED',
  'LICENSE_EXPIRED',
]);

const say = (line: string): void => {
  process.stderr.write(`license-run: ${line}\n`);
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** The exit code for a checkout that did not give a seat. */
const exitCodeOf = (e: unknown): number => {
  if (!(e instanceof LicenseError)) return ExitCodes.UNAVAILABLE;
  if (e.code === 'SEATS_EXHAUSTED') return ExitCodes.NO_SEAT;
  if (e.code === SdkCodes.UNTRUSTED_RESPONSE) return ExitCodes.UNTRUSTED;
  if (e.offline) return ExitCodes.UNAVAILABLE;
  return ExitCodes.REFUSED;
};

const describeWait = (w: SeatWait): string => {
  const seats = w.seats as { inUse?: unknown; limit?: unknown } | undefined;
  const figures =
    typeof seats?.inUse === 'number' && typeof seats.limit === 'number'
      ? ` (${seats.inUse} of ${seats.limit} in use)`
      : '';
  return (
    `no free seat${figures}; waiting ${seconds(w.delayMs)} before trying again ` +
    `(waited ${seconds(w.waitedMs)} of at most ${seconds(w.maxWaitMs)})`
  );
};

/**
 * license-run: one floating seat around one command. Signals to the wrapper go to the command;
 * the seat is checked in whatever way the command ends, before the wrapper exits.
 */
export const licenseRun = async (run: RunArgs): Promise<number> => {
  if (run.keyFromFlag) {
    say('--key is visible in the process list; prefer the LICENSE_KEY environment variable');
  }
  const client = new LicenseClient({
    serverUrl: run.serverUrl,
    licenseKey: run.licenseKey,
    ...(run.fingerprint === undefined ? {} : { fingerprint: run.fingerprint }),
    cacheFile: null,
    exitHooks: false,
  });
  const state: { signal: NodeJS.Signals | null; child: ChildProcess | null; lost: string | null } =
    { signal: null, child: null, lost: null };
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.child !== null) {
      say(`forwarding ${signal} to the command`);
      state.child.kill(signal);
      return;
    }
    state.signal ??= signal;
    abort.abort();
  };
  for (const s of FORWARDED) process.on(s, onSignal);

  let lease: Lease;
  try {
    lease = await client.checkout({
      signal: abort.signal,
      waitForSeat:
        run.mode === 'wait'
          ? { maxWaitMs: run.maxWaitSeconds * 1000, onWait: (w) => say(describeWait(w)) }
          : false,
    });
  } catch (e) {
    if (state.signal !== null) return 128 + signalNumber(state.signal);
    const code = e instanceof LicenseError ? e.code : 'ERROR';
    say(`no seat: ${code}: ${e instanceof Error ? e.message : String(e)}`);
    return exitCodeOf(e);
  }
  const checkIn = async () => {
    try {
      await lease.release();
      say('checked the seat in');
    } catch (e) {
      const code = e instanceof LicenseError ? e.code : 'ERROR';
      say(`could not check the seat in (${code}); it frees itself when the lease times out`);
    }
  };
  if (state.signal !== null) {
    await checkIn();
    return 128 + signalNumber(state.signal);
  }
  say(
    `checked out a floating seat (lease timeout ${seconds(lease.timeoutMs)}); running ${run.command}`,
  );
  lease.on('retry', ({ attempt, delayMs, error }) =>
    say(`heartbeat failed (${error.code}), try ${attempt + 1} in ${seconds(delayMs)}`),
  );
  lease.on('lost', ({ reason, error }) => {
    state.lost = reason;
    say(`lost the seat (${reason}: ${error.message}); stopping the command`);
    state.child?.kill('SIGTERM');
  });

  const outcome = await runChild(run.command, run.args, (child) => {
    state.child = child;
  });
  state.child = null;
  if (outcome.kind === 'not-started') say(`cannot run ${run.command}: ${outcome.error.message}`);
  await checkIn();
  for (const s of FORWARDED) process.off(s, onSignal);
  if (state.lost !== null) {
    return REFUSED_LEASE.has(state.lost) ? ExitCodes.REFUSED : ExitCodes.NO_SEAT;
  }
  return statusOf(outcome);
};

export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const parsed = parseArgs(argv, env);
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`license-run (${versionOf(__dirname)})\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    say(parsed.message);
    process.stderr.write(`${USAGE}\n`);
    return ExitCodes.USAGE;
  }
  return licenseRun(parsed.run);
};

if (require.main === module) {
  void main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (e: unknown) => {
      say(`internal error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(ExitCodes.UNAVAILABLE);
    },
  );
}
