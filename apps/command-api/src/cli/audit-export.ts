import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { argsOrExit, EXIT, type CliSpec } from '@lic/cli';
import { SystemClock } from '@lic/clock';
import { loadConfigOrExit } from '@lic/config';
import { exportStore } from '@lic/command-pipeline';
import { openEventStore } from '@lic/event-store';
import { openKeyRing } from '@lic/signing';

const auditExportCli: CliSpec = {
  name: 'audit:export',
  command: 'npm run -s audit:export --',
  summary:
    'Writes an export an auditor can take away (NDJSON): every seal, the events selected with\n' +
    'their hash-chain links, and a manifest signed with the server key. Check it anywhere with\n' +
    '`npm run audit:verify-export -- <file>` (no database, no server).',
  options: {
    out: { type: 'string', value: 'file', description: 'where to write the export (required)' },
    license: { type: 'string', value: 'id', description: "only this license's events" },
    from: {
      type: 'string',
      value: 'instant',
      description: 'events decided at or after it (ISO-8601)',
    },
    to: { type: 'string', value: 'instant', description: 'events decided before it (ISO-8601)' },
  },
  environment: ['EVENT_STORE', 'SIGNING_KEYS_DIR', 'SIGNING_PRIVATE_KEY_FILE'],
  exitCodes: {
    0: 'the export is written',
    1: 'it could not be written (store unreachable, file not writable, …)',
    64: 'bad arguments',
  },
  examples: ['npm run -s audit:export -- --out audit.ndjson --license lic-1'],
};

const usage = (message: string): never => {
  process.stderr.write(`audit:export: ${message} (--help for usage)\n`);
  process.exit(EXIT.USAGE);
};

const instant = (name: string, value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  const s = String(value);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?Z$/.test(s) || Number.isNaN(Date.parse(s))) {
    usage(`--${name} ${s} is not an ISO-8601 UTC instant (e.g. 2026-03-01T00:00:00Z)`);
  }
  return new Date(Date.parse(s)).toISOString();
};

const main = async (): Promise<void> => {
  const { values } = argsOrExit(auditExportCli, __dirname);
  if (typeof values.out !== 'string' || values.out.length === 0) usage('--out <file> is required');
  const license = values.license;
  if (license !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(String(license))) {
    usage(`--license ${String(license)} is not a license id`);
  }
  const from = instant('from', values.from);
  const to = instant('to', values.to);
  const config = loadConfigOrExit();
  const clock = new SystemClock();
  const ring = await openKeyRing({
    dir: config.SIGNING_KEYS_DIR,
    ...(config.SIGNING_PRIVATE_KEY_FILE === undefined
      ? {}
      : { privateKeyFile: config.SIGNING_PRIVATE_KEY_FILE }),
    now: clock.now(),
  });
  const { eventStore } = openEventStore(config.EVENT_STORE, {
    clock,
    deadlineMs: config.EVENT_STORE_DEADLINE_MS,
  });
  const out = createWriteStream(String(values.out));
  let lines = 0;
  try {
    const filter = {
      ...(license === undefined ? {} : { license: String(license) }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    };
    const exportedAt = new Date(clock.now()).toISOString();
    for await (const line of exportStore(
      eventStore,
      filter,
      exportedAt,
      () => ring.current,
      ring.jwks(),
    )) {
      lines++;
      if (!out.write(line)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
    await eventStore.close();
  }
  process.stdout.write(`${lines} lines written to ${String(values.out)}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `audit:export failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
