import { LicenseError, type ErrorDetails } from '../errors/license-error';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Retry-After in seconds (the server sends delta-seconds), if present and sane. */
const retryAfterOf = (headers: Headers): number | undefined => {
  const raw = headers.get('retry-after');
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
};

const isProblem = (v: unknown): boolean =>
  isRecord(v) && typeof v.field === 'string' && typeof v.problem === 'string';

/** `details` as the servers send it: field problems, or an object of facts; else dropped. */
const detailsOf = (value: unknown): ErrorDetails | undefined =>
  Array.isArray(value)
    ? value.every(isProblem)
      ? (value as ErrorDetails)
      : undefined
    : isRecord(value)
      ? value
      : undefined;

/** A refusal `{"error":{"code","message","details?"}}` as a LicenseError with the same code. */
export const errorFromAnswer = (
  status: number,
  headers: Headers,
  json: unknown,
  what: string,
): LicenseError => {
  const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `${what}: HTTP ${status}`;
  return new LicenseError({
    code,
    message,
    status,
    details: detailsOf(error?.details),
    retryAfter: retryAfterOf(headers),
  });
};

export { isRecord };
