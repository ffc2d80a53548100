import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import { issueLicense, startCommandApi, type Running } from '../../command-api/test/harness';
import { createProjectorApp, type ProjectorApp } from '../src/bootstrap';
import { configFor } from '../../../test/read-side/support/config';
import { eventually } from '../../../test/read-side/support/wait';
import { capturedLogger, type LogLine } from '../../../libs/observability/src/testing';

const CORRELATION_ID = 'corr-flow-4711';

describe('correlation ids from the command request to the projector logs', () => {
  let api: Running;
  let projector: ProjectorApp;
  const logs = capturedLogger('projector', 'debug');

  beforeAll(async () => {
    api = await startCommandApi();
    projector = await createProjectorApp(
      configFor({
        EVENT_STORE: `sqlite:${join(api.dir, 'events.db')}`,
        READ_DB: `sqlite:${join(api.dir, 'read.db')}`,
      }),
      { clock: new SystemClock(), logger: logs.logger },
    );
  });
  afterAll(async () => {
    await projector?.close();
    await api?.close();
  });

  it('A1: X-Correlation-Id of a command flows into the event metadata and back out in the projector logs', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 3 });
    const checkout = await api.client(
      key,
      '/api/v1/license/floating/checkout',
      { fingerprint: 'ws-1' },
      { 'idempotency-key': 'k-1', 'x-correlation-id': CORRELATION_ID },
    );
    expect(checkout.status).toBe(200);
    const stored = (await api.events()).filter((e) => e.type === 'LeaseCheckedOut.v2');
    expect(stored.map((e) => e.metadata.correlationId)).toEqual([CORRELATION_ID]);

    const hasIt = (l: LogLine) =>
      Array.isArray(l.correlationIds) && l.correlationIds.includes(CORRELATION_ID);
    const lines = await eventually(
      async () => logs.lines(),
      (all) => all.some(hasIt),
      15_000,
      'a projector log line with the correlation id',
    );
    // info: one line per committed batch, with the batch's correlation ids
    const batch = lines.find(hasIt) as LogLine;
    expect(batch).toMatchObject({
      app: 'projector',
      level: 'info',
      msg: 'projector: batch committed',
    });
    expect(Number(batch.to)).toBeGreaterThanOrEqual(Number(stored[0]?.position));
    // debug: one line per event, with its own correlation id
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        type: 'LeaseCheckedOut.v2',
        correlationId: CORRELATION_ID,
        position: String(stored[0]?.position),
      }),
    );
    // The events' data (keys, tokens) never reaches the projector's logs.
    const all = logs.text.join('\n');
    expect(all).not.toContain(key);
    expect(all).not.toContain(checkout.body.lease_token as string);
  });
});
