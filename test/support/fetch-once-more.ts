/**
 * `fetch` that sends a request once more when the server had already closed the idle keep-alive
 * connection the request was written to (undici's "other side closed", UND_ERR_SOCKET). The
 * server never read that request, so sending it again is what a browser does and cannot decide
 * anything twice. Seen under heavy load, when the server's keep-alive timer fires at the moment
 * the client reuses the connection. Any other failure is thrown as it is.
 */
export const fetchOnceMore = async (url: string, init?: RequestInit): Promise<Response> => {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!closedBeforeAnswer(error)) throw error;
    return fetch(url, init);
  }
};

const closedBeforeAnswer = (error: unknown): boolean => {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  return (
    cause instanceof Error &&
    ((cause as Error & { code?: string }).code === 'UND_ERR_SOCKET' ||
      cause.message === 'other side closed')
  );
};
