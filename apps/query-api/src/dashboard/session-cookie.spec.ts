import { cookieValue, sessionCookie } from './session-cookie';

describe('dashboard session cookie', () => {
  it('A2: the token is kept HttpOnly and SameSite=Strict, and read back from the Cookie header', () => {
    expect(sessionCookie('eyJ.abc.def', false)).toBe(
      'license_dashboard=eyJ.abc.def; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800',
    );
    expect(sessionCookie(null, true)).toBe(
      'license_dashboard=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure',
    );
    expect(cookieValue('a=1; license_dashboard=eyJ.abc.def; b=2', 'license_dashboard')).toBe(
      'eyJ.abc.def',
    );
    expect(cookieValue('license_dashboard=<script>', 'license_dashboard')).toBeNull();
    expect(cookieValue(undefined, 'license_dashboard')).toBeNull();
  });
});
