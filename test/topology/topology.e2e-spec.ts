import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openEsdbEventStore, type RecordedEvent } from '@lic/event-store';
import { admin, PG_SERVER, POSTGRES_SKIPPED, postgresRuns } from '../read-side/support/read-dbs';
import { DIST, ensureFreshDist } from './support/dist';
import { Replicas, Tally, runWorker } from './support/load';
import { freePort, kill, startNode, stop, type Running } from './support/processes';

const FLOATING_CAP = 5;
const MACHINE_CAP = 3;
const WORKERS = 10;
const external = process.env.EVENTSTORE_URL; // an independent KurrentDB-protocol server, by hand

/**
 * The production topology as separate OS processes, all from dist/ as docker/ runs them: the
 * KurrentDB-protocol test server as its own process on a TCP port (with its log in a file, so
 * a restart is a real restart), PostgreSQL read models, two command-api replicas, one
 * projector, one query API. Render nodes check out, heartbeat and check in floating seats and
 * activate machines through both replicas while a replica, the projector and the event store
 * are killed and restarted. Then the event store itself is the judge.
 */
const runs = postgresRuns();
const suite = runs ? describe : describe.skip;

suite(
  'the production topology, as separate processes (KurrentDB protocol, PostgreSQL, 2 replicas)' +
    (runs ? '' : ` — ${POSTGRES_SKIPPED}`),
  () => {
    jest.setTimeout(240_000);
    const dir = mkdtempSync(join(tmpdir(), 'topology-'));
    const database = `topology_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const readDb = `${PG_SERVER}/${database}`;
    const running = new Set<Running>();
    afterAll(async () => {
      await Promise.all([...running].map((r) => stop(r, 5_000)));
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      rmSync(dir, { recursive: true, force: true });
    });

    it('A1 F4 F6: no acknowledged command lost or doubled, the cap never exceeded, read models identical — through replica, projector and event-store crashes', async () => {
      const started = performance.now();
      ensureFreshDist();
      await admin((c) => c.query(`CREATE DATABASE ${database}`));

      const esdbPort = await freePort();
      const startStore = async () => {
        const server = await startNode(
          'esdb-test-server',
          DIST.esdbTestServer,
          ['--port', String(esdbPort), '--file', join(dir, 'esdb.jsonl')],
          {},
          /esdb test server\s+(esdb:\/\/\S+)/,
        );
        running.add(server);
        return server;
      };
      let store = external === undefined ? await startStore() : undefined;
      const eventStoreUrl = external ?? `kurrentdb://127.0.0.1:${esdbPort}?tls=false`;
      const env = {
        DATA_DIR: dir,
        EVENT_STORE: eventStoreUrl,
        EVENT_STORE_DEADLINE_MS: '4000',
        READ_DB: readDb,
        SIGNING_KEYS_DIR: join(dir, 'keys'),
        COMMAND_API_PORT: '0',
        PROJECTOR_PORT: '0',
        QUERY_API_PORT: '0',
        LOG_LEVEL: 'warn',
      };
      const startApp = async (name: string, script: string, ready: RegExp) => {
        const app = await startNode(name, script, [], env, ready);
        running.add(app);
        return app;
      };
      const commandApi = (n: number) =>
        startApp(`command-api-${n}`, DIST.commandApi, /command API\s+(http:\/\/\S+)/);
      const projectorApp = () =>
        startApp('projector', DIST.projector, /projector\s+(http:\/\/\S+)\/health/);
      let replicaA = await commandApi(1);
      const replicaB = await commandApi(2);
      let projector = await projectorApp();
      const queryApi = await startApp('query-api', DIST.queryApi, /query API\s+(http:\/\/\S+)/);

      const token = spawnSync(process.execPath, [DIST.adminToken], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(token.status).toBe(0);
      const bearer = { authorization: `Bearer ${token.stdout.trim()}` };
      const tally = new Tally();
      let replicaUrls = [replicaA.url, replicaB.url];
      const replicas = new Replicas(() => replicaUrls, tally);

      expect(
        (await replicas.post('/admin/v1/products', bearer, { name: 'Farm', product_id: 'farm' }))
          .status,
      ).toBe(201);
      const issue = async (variant: string, seats: Record<string, number>) => {
        const issued = await replicas.post('/admin/v1/licenses', bearer, {
          product_id: 'farm',
          variant_id: variant,
          seats,
        });
        expect(issued.status).toBe(201);
        return issued.body;
      };
      const floating = await issue('render-farm', { max_floating_users: FLOATING_CAP });
      const machines = await issue('studio', { max_machines: MACHINE_CAP });
      const workload = {
        floatingKey: floating.license_key as string,
        machineKey: machines.license_key as string,
        machineFingerprints: MACHINE_CAP + 2,
      };

      // Conflict retries, from each replica's metrics (a killed replica's are read before).
      let conflictRetries = 0;
      const retriesOf = async (url: string) => {
        const text = await (await fetch(`${url}/metrics`)).text();
        return [
          ...text.matchAll(/^license_command_conflict_retries_total\{[^}]*\} (\d+)/gm),
        ].reduce((n, m) => n + Number(m[1]), 0);
      };

      let stopped = false;
      const workers = Promise.all(
        Array.from({ length: WORKERS }, (_, w) =>
          runWorker(replicas, tally, workload, w, () => stopped),
        ),
      );
      const settle = () => sleep(4_000);
      const acknowledged = () => tally.checkouts.size + tally.checkins.size;

      // A replica is SIGKILLed under load; the clients go on through the other; it comes back.
      await settle();
      conflictRetries += await retriesOf(replicaA.url);
      expect((await kill(replicaA)).signal).toBe('SIGKILL');
      running.delete(replicaA);
      replicaUrls = [replicaB.url];
      const beforeReplicaBack = acknowledged();
      replicaA = await commandApi(1);
      replicaUrls = [replicaA.url, replicaB.url];

      // The projector is SIGKILLed and restarted: it resumes from its checkpoint.
      await settle();
      expect((await kill(projector)).signal).toBe('SIGKILL');
      running.delete(projector);
      await sleep(500);
      projector = await projectorApp();

      // The event store process is SIGKILLed and restarted on its log, under load.
      await settle();
      const positionsBeforeStoreRestart = [...tally.positions];
      const lastBeforeStoreRestart = positionsBeforeStoreRestart.reduce(
        (a, b) => (b > a ? b : a),
        0n,
      );
      if (store !== undefined) {
        expect((await kill(store)).signal).toBe('SIGKILL');
        running.delete(store);
        await sleep(300);
        store = await startStore();
      }
      await settle();
      stopped = true;
      await workers;
      conflictRetries += (await retriesOf(replicaA.url)) + (await retriesOf(replicaB.url));

      // The event store is the judge.
      const stores = openEsdbEventStore({ connectionString: eventStoreUrl });
      const streamOf = async (licenseId: string) => {
        const events: RecordedEvent[] = [];
        for await (const e of stores.eventStore.readStream(`license-${licenseId}`)) events.push(e);
        return events;
      };
      const floatingEvents = await streamOf(floating.license_id as string);
      const machineEvents = await streamOf(machines.license_id as string);
      let last = 0n;
      for await (const e of stores.eventStore.readAll()) last = e.position;
      await stores.eventStore.close();

      /** The most holders at once, and at the end: each holder counted once, by its id. */
      const maxHeld = (events: RecordedEvent[], field: string, up: string, down: string[]) => {
        const held = new Set<string>();
        let max = 0;
        for (const e of events) {
          if (e.type === up) held.add(e.data[field] as string);
          if (down.includes(e.type)) held.delete(e.data[field] as string);
          max = Math.max(max, held.size);
        }
        return { max, held: held.size };
      };
      const leases = maxHeld(floatingEvents, 'leaseId', 'LeaseCheckedOut.v2', [
        'LeaseCheckedIn.v1',
        'LeaseExpired.v1',
        'LeaseReleased.v1',
      ]);
      const activations = maxHeld(machineEvents, 'activationId', 'MachineActivated.v2', [
        'MachineDeactivated.v1',
      ]);
      const ids = (events: RecordedEvent[], type: string, field: string) =>
        events.filter((e) => e.type === type).map((e) => e.data[field] as string);
      const storedCheckouts = ids(floatingEvents, 'LeaseCheckedOut.v2', 'leaseId');
      const storedCheckins = ids(floatingEvents, 'LeaseCheckedIn.v1', 'leaseId');
      const storedActivations = ids(machineEvents, 'MachineActivated.v2', 'activationId');

      const report = {
        seconds: Math.round((performance.now() - started) / 1000),
        acknowledged: {
          checkouts: tally.checkouts.size,
          checkins: tally.checkins.size,
          heartbeats: tally.heartbeats.ok,
          activations: tally.activations.size,
        },
        stored: {
          checkouts: storedCheckouts.length,
          checkins: storedCheckins.length,
          activations: storedActivations.length,
          events: floatingEvents.length + machineEvents.length,
        },
        maxLeasesHeld: leases.max,
        maxMachinesHeld: activations.max,
        refusals: tally.refused,
        answered503: tally.unavailable,
        failovers: tally.failovers,
        conflictRetries,
      };
      console.info(`topology: ${JSON.stringify(report)}`);

      // F4: the cap was never exceeded, counted from the stored events, not from the answers.
      expect(leases.max).toBeLessThanOrEqual(FLOATING_CAP);
      expect(activations.max).toBeLessThanOrEqual(MACHINE_CAP);
      expect(leases.max).toBe(FLOATING_CAP); // the caps were reached: the load really contended
      expect(activations.max).toBe(MACHINE_CAP);
      expect(conflictRetries).toBeGreaterThan(0); // the replicas really conflicted
      // A1: every acknowledged command is in the store; F6: none was decided twice.
      expect([...tally.checkouts.keys()].filter((id) => !storedCheckouts.includes(id))).toEqual([]);
      expect([...tally.checkins].filter((id) => !storedCheckins.includes(id))).toEqual([]);
      expect([...tally.activations].filter((id) => !storedActivations.includes(id))).toEqual([]);
      expect(new Set(storedCheckouts).size).toBe(storedCheckouts.length);
      expect(new Set(storedCheckins).size).toBe(storedCheckins.length);
      expect(new Set(floatingEvents.map((e) => e.id)).size).toBe(floatingEvents.length);
      // Work went on through each crash.
      expect(acknowledged()).toBeGreaterThan(beforeReplicaBack);
      expect(tally.positions.some((p) => p > lastBeforeStoreRestart)).toBe(true);

      // Read-your-writes with ?after=: the restarted projector, subscribed again to the restarted
      // store, has every event, and the read models count what the store counts.
      const seats = async (licenseId: unknown) => {
        const r = await fetch(
          `${queryApi.url}/query/v1/licenses/${licenseId}/seats?after=${last}`,
          {
            headers: bearer,
          },
        );
        expect(r.status).toBe(200);
        return (await r.json()) as { seats: Record<string, { in_use: number } | null> };
      };
      expect((await seats(floating.license_id)).seats.lease?.in_use).toBe(leases.held);
      expect((await seats(machines.license_id)).seats.machine?.in_use).toBe(activations.held);

      // npm run audit:verify: the read models equal a rebuild from the whole history.
      const audit = spawnSync(process.execPath, [DIST.auditVerify], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(audit.stdout).toContain('identical');
      expect(audit.status).toBe(0);

      // The survivors stop gracefully on SIGTERM (Nest ends by re-raising it), none needs SIGKILL.
      for (const app of [replicaA, replicaB, projector, queryApi]) {
        const ended = await stop(app);
        expect(ended.code === 0 || ended.signal === 'SIGTERM').toBe(true);
        running.delete(app);
      }
    });
  },
);
