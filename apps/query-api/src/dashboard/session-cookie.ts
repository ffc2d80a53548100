/** The dashboard's session: the admin's access token, in an HttpOnly, SameSite=Strict cookie. */
export const SESSION_COOKIE = 'license_dashboard';
/** A working day: then the dashboard asks for the token again (sooner if the token expires). */
export const SESSION_MAX_AGE_S = 8 * 3600;

/** The value of one cookie in a Cookie header, if present. */
export const cookieValue = (header: string | undefined, name: string): string | null => {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9._~-]+$/.test(value) ? value : null;
  }
  return null;
};

/**
 * The Set-Cookie value that keeps (or, with null, ends) the session. HttpOnly: no script can
 * read the token; SameSite=Strict: no other site can make the browser send it; Secure when the
 * page came over HTTPS.
 */
export const sessionCookie = (token: string | null, secure: boolean): string =>
  [
    `${SESSION_COOKIE}=${token ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${token === null ? 0 : SESSION_MAX_AGE_S}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
