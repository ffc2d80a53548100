import { isOperationalRoute } from './correlation';
import { redactUrl, requestSerializer } from './url-redaction';

describe('request URLs in logs', () => {
  it('A1: a credential in a query string never reaches a request log line', () => {
    expect(redactUrl('/dashboard?access_token=eyJ.abc.def')).toBe(
      '/dashboard?access_token=[redacted]',
    );
    expect(redactUrl('/x?a=1&token=t0k3n&b=2#frag')).toBe('/x?a=1&token=[redacted]&b=2#frag');
    expect(redactUrl('/x?license_key=LIC-1&licenseKey=LIC-2')).toBe(
      '/x?license_key=[redacted]&licenseKey=[redacted]',
    );
    expect(redactUrl('/query/v1/audit?licenseId=lic-1&limit=5')).toBe(
      '/query/v1/audit?licenseId=lic-1&limit=5',
    );
    expect(
      requestSerializer({ method: 'GET', url: '/dashboard?access_token=s3cret', ip: '::1' }),
    ).toEqual({
      method: 'GET',
      url: '/dashboard?access_token=[redacted]',
      host: undefined,
      remoteAddress: '::1',
      remotePort: undefined,
    });
  });

  it('A2: probes and scrapes are recognised, so they can stay out of the request log', () => {
    expect(
      ['/health', '/health/live', '/health/ready?x=1', '/metrics'].map(isOperationalRoute),
    ).toEqual([true, true, true, true]);
    expect(['/healthz', '/metricsx', '/query/v1/health', '/'].map(isOperationalRoute)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
