import type { FastifyBaseLogger } from 'fastify';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
type LogArgs = Parameters<FastifyBaseLogger['info']>;
type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];

/**
 * A request's logger that becomes a pino child (its bindings serialised, its redaction set
 * up — microseconds on every request) only when the request writes a line at an enabled level.
 * Under LOG_LEVEL=warn or error most requests write none.
 */
class LazyChildLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger & { isLevelEnabled(level: string): boolean },
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }

  silent(): void {}
  trace(...args: LogArgs): void {
    this.write('trace', args);
  }
  debug(...args: LogArgs): void {
    this.write('debug', args);
  }
  info(...args: LogArgs): void {
    this.write('info', args);
  }
  warn(...args: LogArgs): void {
    this.write('warn', args);
  }
  error(...args: LogArgs): void {
    this.write('error', args);
  }
  fatal(...args: LogArgs): void {
    this.write('fatal', args);
  }

  private write(level: Level, args: LogArgs): void {
    if (this.made !== undefined || this.parent.isLevelEnabled(level)) this.real()[level](...args);
  }

  private real(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }
}

/** The request's child logger: lazy when its level is the parent's (pino), else made now. */
export const requestLogger = (
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildOptions,
): FastifyBaseLogger => {
  const pino = parent as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  if (typeof pino.isLevelEnabled !== 'function' || options?.level !== undefined) {
    return parent.child(bindings, options);
  }
  return new LazyChildLogger(
    pino as FastifyBaseLogger & { isLevelEnabled(level: string): boolean },
    bindings,
    options,
  ) as unknown as FastifyBaseLogger;
};
