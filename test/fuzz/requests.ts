import type { FuzzWorld } from './fuzz-world';
import type { Operation } from './operations';
import { hostileStrings, type Random } from './random';
import { hostileValue, mutate, validValue, type Pools } from './schema-values';

/** One request as sent: what it is, and whether it was meant to be valid. */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  /** The route template, e.g. `POST /admin/v1/licenses/{id}/renew`. */
  readonly route: string;
  readonly credentials: 'proper' | 'hostile' | 'none';
}

/** Ids and values that exist, by field name: so valid-ish requests get past the codecs. */
const poolsOf =
  (r: Random, w: FuzzWorld): Pools =>
  (field) => {
    const fresh = () => `fz-${r.word(10)}`;
    switch (field) {
      case 'product_id':
        return [...w.ids.products, fresh()];
      case 'variant_id':
        return [...w.ids.variants, fresh()];
      case 'license_id':
        return [fresh(), ...w.ids.licenses];
      case 'fingerprint':
        return ['node-1', 'node-2', 'node-3', 'node-4', 'seed-node', 'seed-ws'];
      case 'lease_token':
        return [...w.ids.leases.map((l) => `llt_${l}`), 'llt_unknown'];
      case 'username':
      case 'on_behalf_of':
        return ['ann', 'bob', 'svc-render', 'u'.repeat(128)];
      case 'token':
        return [...w.machineTokens, 'eyJhbGciOiJub25lIn0.e30.'];
      case 'subject':
        return ['auditor-1', 'ops'];
      case 'name':
      case 'reason':
      case 'detail':
      case 'licensee':
        return ['unpaid invoice', 'Studio Nine', 'x'.repeat(500), 'Zoë — 東京'];
      case 'days':
        return [1, 30, 365, 36_525];
      case 'usernames':
        return [['ann'], [], ['ann', 'bob']];
      case 'country':
        return ['DE', 'FR', null];
      default:
        return undefined;
    }
  };

/** Percent-encodes every byte of the string's UTF-8 (a lone surrogate becomes U+FFFD). */
const encode = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** A path parameter: an id that exists (by what the path names), or junk. */
const pathValue = (r: Random, w: FuzzWorld, op: Operation, name: string): string => {
  if (r.chance(0.15)) {
    const junk = r.pick([
      ...hostileStrings(r).filter((s) => s.length > 0 && s.length < 300),
      r.word(70),
    ]);
    return r.chance(0.5) ? encode(junk) : encodeURIComponent(junk.replace(/[\ud800-\udfff]/g, ''));
  }
  const path = op.path;
  const ids =
    name === 'variantId'
      ? w.ids.variants
      : name === 'holderId'
        ? path.includes('/activations/')
          ? w.ids.activations
          : path.includes('/sessions/')
            ? w.ids.sessions
            : w.ids.leases
        : path.startsWith('/admin/v1/products')
          ? w.ids.products
          : path.startsWith('/api/v1/sessions')
            ? w.ids.sessions
            : w.ids.licenses;
  return r.chance(0.9) ? r.pick(ids) : `fz-${r.word(8)}`;
};

/** A query parameter's value, from its name (the documents type every one as a string). */
const queryValue = (r: Random, w: FuzzWorld, name: string): string => {
  if (r.chance(0.15)) return r.pick(hostileStrings(r));
  if (/limit/i.test(name)) return String(r.pick([1, 10, 500, 501, 0, -1, 1e9, 2.5]));
  if (/^(as_?of|from|to|since|until)$/i.test(name)) {
    return r.pick([
      '2026-03-02T09:00:00Z',
      '2026-03-02T09:00:00.000Z',
      '9999-12-31T23:59:00-05:00',
      '0000-01-01T00:00:00Z',
      'yesterday',
    ]);
  }
  if (/after|position|cursor/i.test(name))
    return r.pick(['0', '1', '99999999999999999999', '-1', 'abc']);
  if (/license/i.test(name)) return r.pick([...w.ids.licenses, 'fz-nobody']);
  if (/kind/i.test(name)) return r.pick(['machine', 'lease', 'session', 'checkout', 'nope']);
  if (/format/i.test(name)) return r.pick(['ndjson', 'csv', 'json', 'xml']);
  if (/type/i.test(name)) return r.pick(['LeaseCheckedOut.v2', 'Nope.v9']);
  if (/access_token/i.test(name)) return r.pick([w.tokens.admin, 'junk']);
  return r.word(6);
};

const forged = (token: string) => `${token.slice(0, -6)}AAAAAA`;

/** The Authorization header: proper for the route most of the time, else a forgery. */
const authorization = (
  r: Random,
  w: FuzzWorld,
  op: Operation,
): [FuzzRequest['credentials'], string | undefined] => {
  if (op.auth !== 'none' && r.chance(0.75)) {
    if (op.auth === 'license') return ['proper', `License ${r.pick(w.licenseKeys)}`];
    return [
      'proper',
      `Bearer ${op.app === 'query' && r.chance(0.3) ? w.tokens.auditor : w.tokens.admin}`,
    ];
  }
  if (r.chance(0.2)) return ['none', undefined];
  const key = r.pick(w.licenseKeys);
  return [
    'hostile',
    r.pick([
      `License ${forged(key)}`,
      `License ${key.replace(/_[^_]+_/, '_fz-nobody_')}`,
      `Bearer ${forged(w.tokens.admin)}`,
      `Bearer ${w.tokens.expired}`,
      `Bearer ${w.tokens.nobody}`,
      `Bearer ${w.tokens.auditor}`,
      `License ${w.tokens.admin}`,
      `Bearer ${key}`,
      'Bearer',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${'A'.repeat(6000)}`,
      `Bearer eyJhbGciOiJub25lIn0.${Buffer.from('{"sub":"x","roles":["admin"]}').toString('base64url')}.`,
    ]),
  ];
};

/** A request for `op`: valid-ish (most), or with something hostile in it. */
export const buildRequest = (r: Random, w: FuzzWorld, op: Operation, n: number): FuzzRequest => {
  const pools = poolsOf(r, w);
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { 'x-correlation-id': `fuzz-${n}` };
  for (const p of op.parameters) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, pathValue(r, w, op, p.name));
    else if (p.in === 'query' && (p.required || r.chance(0.4)))
      query.append(p.name, queryValue(r, w, p.name));
    else if (p.in === 'header' && (p.required ? r.chance(0.9) : r.chance(0.3))) {
      headers[p.name.toLowerCase()] = r.chance(0.9)
        ? `fz-${r.word(12)}`
        : r.pick(['', 'x'.repeat(300), 'a b', 'ü']);
    }
  }
  if (r.chance(0.1)) query.append(r.pick(['unknown', 'limit', 'debug', '__proto__']), r.word(4));
  if (r.chance(0.05) && op.parameters.some((p) => p.in === 'query')) {
    const repeated = op.parameters.find((p) => p.in === 'query');
    if (repeated) query.append(repeated.name, queryValue(r, w, repeated.name));
  }
  const [credentials, auth] = authorization(r, w, op);
  if (auth !== undefined) headers['authorization'] = auth;
  let body: string | undefined;
  if (op.body !== undefined) {
    headers['content-type'] = 'application/json';
    const valid = validValue(r, op.body, pools);
    const roll = r.next();
    if (roll < 0.65) body = JSON.stringify(valid);
    else if (roll < 0.92) body = JSON.stringify(mutate(r, op.body, valid, pools));
    else {
      body = r.pick([
        '',
        '{',
        '[]',
        '"text"',
        '42',
        'null',
        `{"a":${'['.repeat(2000)}`,
        JSON.stringify(hostileValue(r, op.body)),
      ]);
      if (r.chance(0.3))
        headers['content-type'] = r.pick([
          'text/plain',
          'application/xml',
          'application/json; charset=latin1',
        ]);
    }
  } else if (r.chance(0.05)) {
    headers['content-type'] = 'application/json';
    body = '{"unexpected":true}';
  }
  const qs = query.toString();
  return {
    method: op.method,
    url: `${op.baseUrl}${path}${qs ? `?${qs}` : ''}`,
    headers,
    body: op.method === 'GET' ? undefined : body,
    route: `${op.method} ${op.path}`,
    credentials,
  };
};
