import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { requestLogger } from './lazy-child-logger';

const capture = (level: string) => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const parent = pino({ level }, stream) as unknown as FastifyBaseLogger;
  const child = jest.spyOn(parent, 'child');
  return { parent, lines, child };
};

describe('a request logger', () => {
  it('A1: writes its request and correlation ids on every line at an enabled level', () => {
    const { parent, lines } = capture('info');
    const log = requestLogger(parent, { requestId: 'r-1', correlationId: 'c-1' }, {});
    log.info({ extra: 1 }, 'incoming request');
    log.debug('not written');
    log.child({ step: 'x' }).warn('from a grandchild');
    expect(lines).toEqual([
      expect.objectContaining({
        requestId: 'r-1',
        correlationId: 'c-1',
        extra: 1,
        msg: 'incoming request',
      }),
      expect.objectContaining({
        requestId: 'r-1',
        correlationId: 'c-1',
        step: 'x',
        msg: 'from a grandchild',
      }),
    ]);
  });

  it('A1: makes no pino child for a request that writes nothing at an enabled level', () => {
    const { parent, lines, child } = capture('error');
    const log = requestLogger(parent, { requestId: 'r-2', correlationId: 'c-2' }, {});
    log.info('incoming request');
    log.warn('not at error');
    expect(log.level).toBe('error');
    expect(child).not.toHaveBeenCalled();
    log.error('written');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([expect.objectContaining({ requestId: 'r-2', msg: 'written' })]);
  });

  it('A1: a route with its own level gets its child at once, at that level', () => {
    const { parent, lines } = capture('error');
    const log = requestLogger(parent, { requestId: 'r-3' }, { level: 'info' });
    log.info('route level');
    expect(lines).toEqual([expect.objectContaining({ requestId: 'r-3', msg: 'route level' })]);
  });
});
