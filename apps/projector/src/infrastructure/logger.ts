import pino, { type Logger } from 'pino';

/** JSON logs on stdout (pino), one logger per app. */
export const createLogger = (app: string, level: string): Logger => pino({ level, base: { app } });
