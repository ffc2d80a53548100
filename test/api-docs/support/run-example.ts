import { fetchOnceMore } from '../../support/fetch-once-more';
import type { RunnableExample } from './examples';
import { substitute } from './fixtures';

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  /** Parsed JSON, or the text (for an event stream: its first event). */
  readonly body: unknown;
}

/** Sends an example's request, placeholders filled in, with the credentials its security asks for. */
export const runExample = async (
  baseUrl: string,
  example: RunnableExample,
  values: Readonly<Record<string, string>>,
): Promise<Answer> => {
  const path = example.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(substitute(example.pathParams[name] ?? `{${name}}`, values)),
  );
  const query = new URLSearchParams(substitute(example.query, values)).toString();
  const credentials: Record<string, string> = {};
  for (const scheme of example.security) {
    if (scheme === 'licenseKey') credentials.authorization = `License ${values.license_key}`;
    else if (scheme === 'bearer') credentials.authorization = `Bearer ${values.admin_token}`;
    else throw new Error(`unknown security scheme ${scheme}`);
  }
  const hasBody = example.body !== undefined;
  const abort = new AbortController();
  const r = await fetchOnceMore(`${baseUrl}${path}${query ? `?${query}` : ''}`, {
    method: example.method.toUpperCase(),
    headers: {
      ...credentials,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...substitute(example.headers, values),
    },
    body: hasBody ? JSON.stringify(substitute(example.body, values)) : undefined,
    signal: abort.signal,
  });
  const contentType = r.headers.get('content-type') ?? '';
  let text: string;
  if (contentType.startsWith('text/event-stream')) {
    text = await firstEvent(r, abort);
  } else {
    text = await r.text();
  }
  return {
    status: r.status,
    contentType,
    headers: r.headers,
    body: /^application\/([\w.-]+\+)?json\b/.test(contentType)
      ? (JSON.parse(text) as unknown)
      : text,
  };
};

/** An event stream never ends: read up to its first event, then hang up. */
const firstEvent = async (r: Response, abort: AbortController): Promise<string> => {
  const reader = r.body?.getReader();
  let text = '';
  const decoder = new TextDecoder();
  while (reader && !text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  abort.abort();
  return text;
};
