import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Graceful HTTP shutdown of the command and query APIs: once draining, every answer says
 * `Connection: close`, connections are closed as soon as they fall idle, and whatever is
 * still open after `graceMs` is cut. In-flight requests — a read-your-writes wait included —
 * finish and are answered; keep-alive clients are not left hanging.
 */
export class Draining {
  private active = false;

  get draining(): boolean {
    return this.active;
  }

  register(fastify: FastifyInstance): void {
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.active) void reply.header('connection', 'close');
      done(null, payload);
    });
  }

  async drain(server: Server, close: () => Promise<void>, graceMs = 10_000): Promise<void> {
    this.active = true;
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    try {
      await close();
    } finally {
      clearInterval(idle);
      clearTimeout(cut);
    }
  }
}
