import { join } from 'node:path';
import { verifyExport, type Jwks } from '@lic/audit-chain';
import { SealScheduler } from '../../command-api/src/audit/seal-scheduler';
import { configFor, issueLicense, startCommandApi } from '../../command-api/test/harness';
import { createQueryApi } from '../src/bootstrap';

describe('the query API serves the seals and the tamper-evident export to auditors', () => {
  it('A1: /query/v1/audit/seals lists the signed seals; /query/v1/audit/chain-export streams an export that verifies offline', async () => {
    const command = await startCommandApi();
    const query = await createQueryApi(
      configFor(command.dir, { READ_DB: `sqlite:${join(command.dir, 'read.db')}` }),
      { logger: false },
    );
    await query.app.listen(0, '127.0.0.1');
    const address = query.app.getHttpServer().address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const { licenseId } = await issueLicense(command, 'render-farm', { max_floating_users: 5 });
      await command.api.app.get(SealScheduler).seal();
      const minted = await command.admin('POST', '/admin/v1/tokens', {
        subject: 'auditor',
        roles: ['auditor'],
      });
      expect(minted.status).toBe(201);
      const auditor = String(minted.body.token);
      const get = (path: string) =>
        fetch(url + path, { headers: { authorization: `Bearer ${auditor}` } });

      const seals = (await (await get('/query/v1/audit/seals')).json()) as {
        items: { heads: { stream: string }[]; signature: string }[];
        next_cursor: string | null;
      };
      expect(seals.items).toHaveLength(1);
      expect(seals.items[0].heads.map((h) => h.stream)).toContain(`license-${licenseId}`);
      expect(seals.next_cursor).toBeNull();

      const download = await get(`/query/v1/audit/chain-export?license_id=${licenseId}`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toMatch(/application\/x-ndjson/);
      const lines = (await download.text()).split('\n');
      const jwks = (await (await fetch(`${command.url}/.well-known/jwks.json`)).json()) as Jwks;
      const verdict = await verifyExport(lines, jwks);
      expect(verdict.problems).toEqual([]);
      expect(verdict.events.map((e) => e.type)).toEqual(['LicenseIssued.v1']);

      expect((await get('/query/v1/audit/chain-export?from=yesterday')).status).toBe(400);
      expect((await fetch(`${url}/query/v1/audit/seals`)).status).toBe(401);
    } finally {
      await query.close();
      await command.close();
    }
  });
});
