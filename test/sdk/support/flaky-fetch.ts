import type { FetchLike } from '@lic/sdk';

type Json = Record<string, unknown>;

type Fault =
  | { readonly kind: 'fail' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'rewrite'; readonly edit: (body: Json) => Json };

interface Rule {
  readonly path: string;
  remaining: number;
  readonly fault: Fault;
}

export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** What the server answered, when it was reached. */
  status?: number;
  text?: string;
  outcome: 'passed' | 'failed' | 'dropped' | 'rewritten' | 'hung';
}

const networkError = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });

/**
 * The real fetch to the real server, with faults on demand: fail before sending (network
 * down), drop the answer after the server processed the request, hang until aborted, or
 * rewrite the answer (a man in the middle). Every request is logged.
 */
export class FlakyFetch {
  readonly seen: Seen[] = [];
  private readonly rules: Rule[] = [];
  /** While true, every request fails as if the network were down. */
  offline = false;

  failNext(path: string, times = 1): this {
    return this.add(path, times, { kind: 'fail' });
  }

  failAlways(path: string): this {
    return this.add(path, Number.POSITIVE_INFINITY, { kind: 'fail' });
  }

  dropNextAnswer(path: string, times = 1): this {
    return this.add(path, times, { kind: 'drop' });
  }

  hangNext(path: string, times = 1): this {
    return this.add(path, times, { kind: 'hang' });
  }

  rewriteNext(path: string, edit: (body: Json) => Json, times = 1): this {
    return this.add(path, times, { kind: 'rewrite', edit });
  }

  heal(): void {
    this.rules.length = 0;
    this.offline = false;
  }

  requests(path: string): Seen[] {
    return this.seen.filter((s) => s.path.endsWith(path));
  }

  readonly fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const seen: Seen = {
      method: init.method ?? 'GET',
      path,
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
      outcome: 'passed',
    };
    this.seen.push(seen);
    const rule = this.rules.find((r) => r.remaining > 0 && path.endsWith(r.path));
    if (rule) rule.remaining--;
    if (this.offline || rule?.fault.kind === 'fail') {
      seen.outcome = 'failed';
      throw networkError();
    }
    if (rule?.fault.kind === 'hang') {
      seen.outcome = 'hung';
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(networkError()));
      });
    }
    const response = await fetch(url, init);
    const text = await response.text();
    seen.status = response.status;
    seen.text = text;
    if (rule?.fault.kind === 'drop') {
      seen.outcome = 'dropped';
      throw networkError();
    }
    let out = text;
    if (rule?.fault.kind === 'rewrite') {
      seen.outcome = 'rewritten';
      out = JSON.stringify(rule.fault.edit(JSON.parse(text) as Json));
    }
    return new Response(out, { status: response.status, headers: response.headers });
  };

  private add(path: string, times: number, fault: Fault): this {
    this.rules.push({ path, remaining: times, fault });
    return this;
  }
}
