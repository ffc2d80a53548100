import pino, { type Logger } from 'pino';
import { requestSerializer } from './url-redaction';

export type { Logger };

/**
 * Paths never written to a log. License keys travel in Authorization headers, machine tokens
 * and access tokens in bodies and headers; none may reach a log line.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'license_key',
  '*.license_key',
  'licenseKey',
  '*.licenseKey',
  'token',
  '*.token',
  'privateKey',
  '*.privateKey',
];

/**
 * Structured JSON logs (pino), one line per entry, secrets redacted (by path, and in request
 * URLs' query strings).
 */
export const createLogger = (
  app: string,
  level: string,
  destination?: pino.DestinationStream,
): Logger =>
  pino(
    {
      level,
      base: { app },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { req: requestSerializer },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
