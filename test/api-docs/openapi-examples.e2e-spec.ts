import { glossaryIds } from '@lic/openapi';
import { examplesOf, operationsOf, type RunnableExample } from './support/examples';
import { Fixtures, PLACEHOLDERS, placeholdersIn } from './support/fixtures';
import { runExample } from './support/run-example';
import { startSystem, type RunningSystem } from './support/system';
import { documentValidator } from './support/validate';

type Obj = Record<string, unknown>;

/**
 * "Try it out" works for every example: both OpenAPI documents, as the running system serves
 * them at /api/docs-json, are read; every example is sent to the system — placeholders filled
 * from fixtures made for it — and must get its documented status, with an answer that matches
 * the documented schema (no undocumented field) and carries the documented headers.
 */
describe('the OpenAPI documents: every example runs against the system', () => {
  jest.setTimeout(180_000);
  let system: RunningSystem;
  const documents: Record<'command' | 'query', Obj> = { command: {}, query: {} };
  const urls = { command: '', query: '' };

  beforeAll(async () => {
    system = await startSystem({ env: { LICENSE_TEST_CLOCK: '1', LOG_LEVEL: 'warn' } });
    urls.command = system.commandUrl;
    urls.query = system.queryUrl;
    for (const api of ['command', 'query'] as const) {
      const r = await fetch(`${urls[api]}/api/docs-json`);
      documents[api] = (await r.json()) as Obj;
    }
  });
  afterAll(() => system?.stop());

  /** Every string under a `description` or `summary` key, with where it is. */
  const texts = (node: unknown, at = ''): [string, string][] =>
    Array.isArray(node)
      ? node.flatMap((n, i) => texts(n, `${at}/${i}`))
      : typeof node === 'object' && node !== null
        ? Object.entries(node).flatMap(([k, v]) =>
            (k === 'description' || k === 'summary') && typeof v === 'string'
              ? [[`${at}/${k}`, v] as [string, string]]
              : texts(v, `${at}/${k}`),
          )
        : [];

  it.each(['command', 'query'] as const)(
    'the %s API document: no text a browser would swallow as HTML, glossary links resolve, placeholders known, response examples match their schemas',
    (api) => {
      const document = documents[api];
      for (const [where, text] of texts(document)) {
        const outsideCode = text.replace(/`[^`]*`/g, '');
        expect([where, outsideCode.match(/<[A-Za-z][^>]*>/)?.[0] ?? null]).toEqual([where, null]);
        for (const [, id] of text.matchAll(/\/docs\/glossary#([A-Za-z0-9_-]+)/g)) {
          expect([where, id, glossaryIds.has(id ?? '')]).toEqual([where, id, true]);
        }
      }
      const validate = documentValidator(document);
      const problems: string[] = [];
      for (const ex of examplesOf(document)) {
        for (const p of placeholdersIn([ex.pathParams, ex.query, ex.headers, ex.body])) {
          if (!(PLACEHOLDERS as readonly string[]).includes(p))
            problems.push(`${ex.operationId}#${ex.name}: {${p}}`);
        }
      }
      for (const { operationId, path, method, operation } of operationsOf(document)) {
        for (const [status, response] of Object.entries((operation.responses as Obj) ?? {})) {
          for (const [type, media] of Object.entries(((response as Obj).content as Obj) ?? {})) {
            const examples = ((media as Obj).examples as Record<string, { value: unknown }>) ?? {};
            const schema = (media as Obj).schema as Obj | undefined;
            const pointer = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/${type.replace(/\//g, '~1')}/schema`;
            const all = Object.entries(examples).map(([name, ex]) => [name, ex.value] as const);
            if (schema && 'example' in schema) all.push(['(schema example)', schema.example]);
            for (const [name, value] of all) {
              for (const p of validate(pointer, value)) {
                problems.push(`${operationId} ${status} ${name}: ${p}`);
              }
            }
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each([
    ['command', 30],
    ['query', 21],
  ] as const)(
    'the %s API document: every operation has an operationId, a schema for every answer and a working example',
    (api, atLeast) => {
      const ops = operationsOf(documents[api]);
      expect(ops.length).toBeGreaterThanOrEqual(atLeast);
      const ids = ops.map((o) => o.operationId);
      expect(ids.filter((id) => id === undefined)).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
      const examples = examplesOf(documents[api]);
      for (const { operationId, operation } of ops) {
        const answered = examples.filter((e) => e.operationId === operationId && e.status < 300);
        expect([operationId, answered.length > 0]).toEqual([operationId, true]);
        for (const [status, response] of Object.entries(operation.responses as Obj)) {
          const content = (response as Obj).content as Record<string, Obj> | undefined;
          // A redirect or a 204 has no body to describe; every other answer has a schema.
          const bodiless = status === '204' || status.startsWith('3');
          expect([
            operationId,
            status,
            Object.values(content ?? {}).every((m) => 'schema' in m),
          ]).toEqual([operationId, status, bodiless || content !== undefined]);
        }
      }
    },
  );

  /** Sends one example (after its setup examples); returns what is wrong with the answer. */
  const check = async (
    api: 'command' | 'query',
    ex: RunnableExample,
    all: readonly RunnableExample[],
    fixtures: Fixtures,
    validate: ReturnType<typeof documentValidator>,
  ): Promise<string[]> => {
    const setup = ex.setup.map((ref) => {
      const found = all.find((e) => `${e.operationId}#${e.name}` === ref);
      if (!found) throw new Error(`${ex.operationId}#${ex.name}: setup ${ref} is not an example`);
      return found;
    });
    const wanted = new Set(
      [ex, ...setup].flatMap((e) => placeholdersIn([e.pathParams, e.query, e.headers, e.body])),
    );
    if (ex.security.includes('licenseKey')) wanted.add('license_key');
    const values = await fixtures.make(wanted);
    for (const s of setup) {
      const r = await runExample(urls[api], s, values);
      if (r.status !== s.status) return [`setup ${s.operationId}#${s.name}: ${r.status}`];
    }
    if (api === 'query') await readModelsReach(fixtures.lastPosition, values.admin_token);
    const answer = await runExample(urls[api], ex, values);
    const problems: string[] = [];
    if (answer.status !== ex.status) {
      problems.push(
        `status ${answer.status}, documented ${ex.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    if (ex.contentType && !answer.contentType.startsWith(ex.contentType)) {
      problems.push(`content-type ${answer.contentType}, documented ${ex.contentType}`);
    }
    if (ex.schemaPointer) problems.push(...validate(ex.schemaPointer, answer.body));
    for (const h of ex.requiredHeaders) {
      const value = answer.headers.get(h.name);
      if (value === null) problems.push(`no ${h.name} header`);
      else problems.push(...validate(h.schemaPointer, value).map((p) => `${h.name}: ${p}`));
    }
    return problems;
  };

  /** Query examples read read models: wait until the projector has passed the fixtures. */
  const readModelsReach = async (position: bigint, token: string) => {
    for (let i = 0; i < 100; i++) {
      const r = await fetch(`${urls.query}/query/v1/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const checkpoint = r.ok
        ? ((await r.json()) as { checkpoint: string | null }).checkpoint
        : null;
      if (checkpoint !== null && BigInt(checkpoint) >= position) return;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`the read models did not reach position ${position}`);
  };

  it.each(['command', 'query'] as const)(
    'every example of the %s API document gets its documented status and a documented answer',
    async (api) => {
      const all = examplesOf(documents[api]);
      const fixtures = new Fixtures(urls.command, system.adminToken, `fx-${api}`);
      const validate = documentValidator(documents[api]);
      const failures: Record<string, string[]> = {};
      for (const ex of all) {
        const problems = await check(api, ex, all, fixtures, validate);
        if (problems.length) failures[`${ex.operationId}#${ex.name}`] = problems;
      }
      process.stdout.write(
        `${api} API: ${all.length} examples of ${operationsOf(documents[api]).length} operations run, ${all.length - Object.keys(failures).length} passed\n`,
      );
      expect(failures).toEqual({});
      if (api === 'command') expect(all.length).toBeGreaterThanOrEqual(35);
    },
  );
});
