import { LicenseError, SdkCodes, badResponse } from '../errors/license-error';
import type { Scheduler } from '../time/scheduler';
import { errorFromAnswer } from './error-body';

/** What the SDK needs of `fetch`; the global one by default, injectable for tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  readonly serverUrl: string;
  readonly licenseKey: string;
  readonly fetch: FetchLike;
  readonly scheduler: Scheduler;
  readonly timeoutMs: number;
}

const describe = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
};

/**
 * JSON over HTTP to the license server. Every failure becomes a LicenseError: no answer is
 * NETWORK_ERROR or TIMEOUT, a refusal carries the server's code, status, details and
 * Retry-After. The license key goes only into the Authorization header, never into a message.
 */
export class Transport {
  readonly origin: string;

  constructor(private readonly options: TransportOptions) {
    this.origin = options.serverUrl.replace(/\/+$/, '');
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    return this.send(
      'POST',
      path,
      {
        authorization: `License ${this.options.licenseKey}`,
        'content-type': 'application/json',
        ...headers,
      },
      JSON.stringify(body),
    );
  }

  get(path: string): Promise<unknown> {
    return this.send('GET', path, {}, undefined);
  }

  private async send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<unknown> {
    const controller = new AbortController();
    let cancelTimeout = () => {};
    const timeout = new Promise<never>((_, reject) => {
      cancelTimeout = this.options.scheduler.after(this.options.timeoutMs, () => {
        controller.abort();
        reject(
          new LicenseError({
            code: SdkCodes.TIMEOUT,
            message: `${method} ${path}: no answer from ${this.origin} within ${this.options.timeoutMs} ms`,
          }),
        );
      });
    });
    const exchange = async () => {
      const response = await this.options.fetch(this.origin + path, {
        method,
        headers: { accept: 'application/json', ...headers },
        body,
        signal: controller.signal,
      });
      return { response, text: await response.text() };
    };
    let answer: { response: Response; text: string };
    try {
      answer = await Promise.race([exchange(), timeout]);
    } catch (e) {
      if (e instanceof LicenseError) throw e;
      throw new LicenseError({
        code: SdkCodes.NETWORK_ERROR,
        message: `${method} ${path}: cannot reach ${this.origin} (${describe(e)})`,
        cause: e,
      });
    } finally {
      cancelTimeout();
    }
    const { response, text } = answer;
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      if (response.ok)
        throw badResponse(`${method} ${path}: the answer is not JSON`, response.status);
      json = null;
    }
    if (!response.ok)
      throw errorFromAnswer(response.status, response.headers, json, `${method} ${path}`);
    return json;
  }
}
