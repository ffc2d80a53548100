// A reference for bench:api, in its own process: the floating mix's three routes as plain
// Fastify routes straight onto the command pipeline (AggregateRepository over the SQLite file
// store with its writer thread, synchronous=FULL, the hash chain, the round-trip check,
// snapshots), with no application layer: no Nest, no CQRS bus, no authentication, no request
// decoding, no idempotency layer, no signed answers, no metrics. It is not a way to run the
// server; its rate beside the command API's shows what the application layer costs.
// The licenses ref-0 … ref-(REF_LICENSES - 1) are issued before it listens; a request names
// its license as the command API's clients do, `Authorization: License <id>`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import * as E from 'fp-ts/Either';
import { SystemClock } from '@lic/clock';
import type { LicenseCommand } from '@lic/domain';
import { openSqliteEventStore } from '@lic/event-store';
import { AggregateRepository } from '../../../libs/command-pipeline/src/aggregate-repository';
import { licenseAggregate } from '../../../libs/command-pipeline/src/definitions';
import {
  checkoutCommand,
  floatingCap,
  heartbeatCommand,
  issueCommand,
  meta,
} from '../../../libs/command-pipeline/src/testing/builders';
import { checkinCommand } from '../../../libs/command-pipeline/src/testing/busy-history';

const LICENSES = Number(process.env.REF_LICENSES ?? 64);
const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-fastify-'));
const clock = new SystemClock();
const { eventStore, snapshotStore } = openSqliteEventStore({
  file: join(dir, 'events.db'),
  clock,
});
const repo = new AggregateRepository(eventStore, snapshotStore, licenseAggregate, clock);

const licenseOf = (authorization: string | undefined) =>
  (authorization ?? '').slice('License '.length);
const leaseNumber = (body: unknown) =>
  String((body as { lease_token?: string }).lease_token ?? '').slice('lease-'.length);

const run = async (id: string, command: LicenseCommand) => {
  const decided = await repo.handle(id, command, meta(`license:${id}`));
  if (E.isLeft(decided.outcome)) throw new Error(decided.outcome.left.code);
  return decided;
};

const app = Fastify({ logger: false });
app.post('/api/v1/license/floating/checkout', async (request) => {
  const id = licenseOf(request.headers.authorization);
  const n = String(request.headers['idempotency-key']);
  const decided = await run(id, checkoutCommand(id, n));
  return { lease_token: `lease-${n}`, checked_out_at: new Date(decided.decidedAt).toISOString() };
});
app.post('/api/v1/license/floating/heartbeat', async (request) => {
  const id = licenseOf(request.headers.authorization);
  const n = leaseNumber(request.body);
  const decided = await run(id, heartbeatCommand(id, `lease-${n}`));
  return { lease_token: `lease-${n}`, at: new Date(decided.decidedAt).toISOString() };
});
app.post('/api/v1/license/floating/checkin', async (request) => {
  const id = licenseOf(request.headers.authorization);
  const decided = await run(id, checkinCommand(id, leaseNumber(request.body)));
  return { released_at: new Date(decided.decidedAt).toISOString() };
});

const stop = async () => {
  await app.close();
  await repo.close();
  await eventStore.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

const main = async () => {
  for (let i = 0; i < LICENSES; i++) {
    await run(`ref-${i}`, issueCommand(`ref-${i}`, floatingCap(1000)));
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`listening ${address}\n`);
};
main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
