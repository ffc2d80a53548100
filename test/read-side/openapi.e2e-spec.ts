import Ajv from 'ajv';
import { queryApiDocument } from '../../apps/query-api/src/openapi/openapi';
import { commands, policies } from './support/license-world';
import { openReadSide, type ReadSide } from './support/harness';
import { startQueryApi, type QueryApiUnderTest } from './support/query-api-harness';
import { describeOnReadDbs } from './support/read-dbs';

interface Parameter {
  name: string;
  in: string;
  example?: unknown;
}
interface Op {
  operationId?: string;
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown }> }>;
  'x-example-skip'?: string;
}

const doc = queryApiDocument();
const ops: [string, string, Op][] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods as Record<string, Op>).map(([method, op]): [string, string, Op] => [
    method,
    path,
    op,
  ]),
);
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ ...doc, $id: 'query-api' });
const validatorOf = (schema: unknown) =>
  ajv.compile({ $ref: `query-api${String((schema as { $ref: string }).$ref)}` });

describe('query API OpenAPI document', () => {
  it('A2: every operation has an operationId, a 200 answer with a schema or media type, and error schemas', () => {
    const ids = ops.map(([, , op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [method, path, op] of ops) {
      const ok = op.responses['200'] ?? op.responses['204'];
      expect([
        method,
        path,
        ok?.content !== undefined || op.responses['204'] !== undefined,
      ]).toEqual([method, path, true]);
      for (const [status, answer] of Object.entries(op.responses)) {
        if (Number(status) >= 400)
          expect(answer.content?.['application/json']?.schema).toMatchObject({
            allOf: [{ $ref: '#/components/schemas/Error' }],
          });
      }
    }
  });

  it('A2: every example answer (success and error) is valid against its own schema', () => {
    let checked = 0;
    for (const [, , op] of ops) {
      for (const [status, answer] of Object.entries(op.responses)) {
        const json = answer.content?.['application/json'];
        // Success examples sit on the media type; error examples on the schema (allOf Error).
        const error = Number(status) >= 400;
        const example = error
          ? (json?.schema as { example?: unknown } | undefined)?.example
          : json?.example;
        if (json === undefined || example === undefined) continue;
        const validate = validatorOf(error ? { $ref: '#/components/schemas/Error' } : json.schema);
        expect([op.operationId, validate(example), validate.errors ?? null]).toEqual([
          op.operationId,
          true,
          null,
        ]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describeOnReadDbs('query API OpenAPI examples, run', (kind) => {
  let rs: ReadSide;
  let q: QueryApiUnderTest;
  beforeAll(async () => {
    rs = await openReadSide(kind);
    await rs.world.product('prod-1', 'Maya plug-in');
    await rs.world.issue('lic-f', policies.floating(2, 15), 'prod-1', 'render-farm', 'Pixel Farm');
    await rs.world.run('lic-f', commands.checkout('L1', 'node-1'));
    await rs.world.run('lic-f', commands.checkout('L2', 'node-2'));
    await rs.world.run('lic-f', commands.checkout('L3', 'node-3')); // refused
    await rs.project();
    q = await startQueryApi(rs);
  });
  afterAll(async () => {
    await q.close();
    await rs.close();
  });

  const fixture: Record<string, string> = { '{license_id}': 'lic-f', '{product_id}': 'prod-1' };
  const fill = (value: unknown) => String(value).replace(/\{\w+\}/g, (m) => fixture[m] ?? m);

  it('A2: each operation’s example request answers 200 with a body its schema accepts ("Try it out" works)', async () => {
    let ran = 0;
    for (const [method, path, op] of ops) {
      if (op['x-example-skip'] !== undefined || method !== 'get') continue;
      const params = op.parameters ?? [];
      let url = path;
      for (const p of params.filter((p) => p.in === 'path'))
        url = url.replace(`{${p.name}}`, fill(p.example));
      const query = params
        .filter((p) => p.in === 'query' && p.example !== undefined)
        .map((p) => `${p.name}=${encodeURIComponent(fill(p.example))}`);
      const res = await q.get(query.length ? `${url}?${query.join('&')}` : url, q.tokens.admin);
      expect([op.operationId, res.status]).toEqual([op.operationId, 200]);
      const json = op.responses['200']?.content?.['application/json'];
      if (json?.schema !== undefined && String(res.headers['content-type']).includes('json')) {
        const validate = validatorOf(json.schema);
        expect([op.operationId, validate(res.body), validate.errors ?? null]).toEqual([
          op.operationId,
          true,
          null,
        ]);
      }
      expect(res.headers['x-read-model-position']).toMatch(/^\d+$/);
      ran++;
    }
    expect(ran).toBeGreaterThanOrEqual(16);
  });
});
