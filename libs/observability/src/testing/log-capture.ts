import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../logger';

export type LogLine = Record<string, unknown>;

/** A JSON logger (the apps' own, with redaction) whose lines are kept for assertions. */
export const capturedLogger = (app: string, level: string) => {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger: Logger = createLogger(app, level, stream);
  return {
    logger,
    text,
    lines: (): LogLine[] => text.map((l) => JSON.parse(l) as LogLine),
  };
};
