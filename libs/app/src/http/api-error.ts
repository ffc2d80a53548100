/**
 * The one error type that becomes an HTTP answer. Domain errors, decoding failures and
 * authentication failures are all turned into an ApiError, and only the exception filter turns
 * an ApiError into a response, so status codes are chosen in exactly one place (status.ts).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError('BAD_REQUEST', message, details);
export const notFound = (message: string) => new ApiError('NOT_FOUND', message);
