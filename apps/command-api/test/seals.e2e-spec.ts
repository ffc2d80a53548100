import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEAL_STREAM, sealedHeads, verifyChain, verifySeal, type Seal } from '@lic/audit-chain';
import { SealScheduler } from '../src/audit/seal-scheduler';
import { issueLicense, startCommandApi } from './harness';

describe('the command API seals the hash chains', () => {
  it('at shutdown: one signed seal covers every stream written, and every link verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seals-'));
    try {
      const api = await startCommandApi({}, dir);
      const { licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 5 });
      const jwks = api.api.ring.jwks();
      await api.close();
      const reopened = await startCommandApi({}, dir);
      const events = await reopened.events();
      await reopened.close();
      const seals = events.filter((e) => e.streamName === SEAL_STREAM);
      expect(seals).toHaveLength(1);
      const seal = seals[0].data as unknown as Seal;
      expect(seal.heads.map((h) => h.stream)).toEqual([`license-${licenseId}`, 'product-maya']);
      expect(await verifySeal(seal, jwks)).toMatchObject({ valid: true });
      expect(verifyChain(events, sealedHeads(seal)).breaks).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on its schedule, and a run with nothing new records nothing', async () => {
    const api = await startCommandApi();
    try {
      await issueLicense(api, 'render-farm', { max_floating_users: 5 });
      const scheduler = api.api.app.get(SealScheduler);
      expect((await scheduler.seal())?.kind).toBe('sealed');
      expect((await scheduler.seal())?.kind).toBe('nothing-new');
    } finally {
      await api.close();
    }
  });
});
