import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCodes, RefusalReason } from '@lic/domain';
import { glossary, glossaryIds, glossaryMarkdown } from '@lic/openapi';
import { statusOf } from '@lic/app';
import { startCommandApi, type Running } from '../../apps/command-api/test/harness';

const RULES = [
  ...['M1', 'M2', 'M3', 'M4'],
  ...['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7'],
  ...['T1', 'T2'],
  ...['S1', 'S2', 'S3', 'S4', 'S5', 'S6'],
  ...['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8'],
  ...['A1', 'A2', 'A3', 'U1', 'U2'],
];
const entries = glossary.flatMap((s) => s.entries);

describe('the glossary: rule IDs, vocabulary and error codes inside the repository', () => {
  it('A1: docs/GLOSSARY.md is the rendering of the entries (npm run docs:glossary)', () => {
    const file = readFileSync(resolve(__dirname, '../../docs/GLOSSARY.md'), 'utf8');
    expect(file).toBe(glossaryMarkdown());
  });

  it('A1: every rule ID, every error code of the domain and both APIs, every refusal reason has an entry', () => {
    const codes = [
      ...ErrorCodes,
      ...Object.keys(RefusalReason.keys),
      'BAD_REQUEST',
      'UNAUTHORIZED',
      'INVALID_LICENSE_KEY',
      'INVALID_TOKEN',
      'FORBIDDEN',
      'IDEMPOTENCY_KEY_IN_USE',
      'CONCURRENT_CONFLICT',
      'READ_MODEL_BEHIND',
      'EVENT_STORE_UNAVAILABLE',
    ];
    expect([...RULES, ...codes].filter((id) => !glossaryIds.has(id))).toEqual([]);
  });

  it('A1: each error code’s HTTP status is the one both APIs answer with (one error policy)', () => {
    const errors = entries.filter((e) => e.status !== undefined);
    expect(errors.length).toBeGreaterThan(35);
    for (const e of errors) {
      const status = statusOf(e.id);
      expect([e.id, e.status]).toEqual([e.id, status]);
    }
  });

  it('A1: every link between entries resolves', () => {
    const texts = glossary.flatMap((s) => [s.intro ?? '', ...s.entries.map((e) => e.text)]);
    const links = texts.flatMap((t) => [...t.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] ?? ''));
    expect(links.length).toBeGreaterThan(50);
    expect(links.filter((id) => !glossaryIds.has(id))).toEqual([]);
  });

  describe('served by the command API', () => {
    let api: Running;
    beforeAll(async () => {
      api = await startCommandApi();
    });
    afterAll(() => api.close());

    it('A1: /docs/glossary is an HTML page with an anchor per entry, and errors link to their entry', async () => {
      const page = await api.request('GET', '/docs/glossary');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      for (const id of glossaryIds) expect(page.text).toContain(`id="${id}"`);
      const refused = await api.client('lk_nope', '/api/v1/license/floating/checkout', {});
      expect(refused.body).toEqual({
        error: {
          code: 'INVALID_LICENSE_KEY',
          message: 'this is not a license key',
          help: `${api.config.PUBLIC_URL}/docs/glossary#INVALID_LICENSE_KEY`,
        },
      });
    });

    it('A1: the OpenAPI document links its rule IDs and error codes to the glossary', async () => {
      const doc = (await api.request('GET', '/api/docs-json')).text;
      expect(doc).toContain(`[F4](${api.config.PUBLIC_URL}/docs/glossary#F4)`);
      expect(doc).toContain(
        `[SEATS_EXHAUSTED](${api.config.PUBLIC_URL}/docs/glossary#SEATS_EXHAUSTED)`,
      );
    });
  });
});
