// The baseline of bench:api: a Fastify route that does nothing, in its own process.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/noop', async () => ({ ok: true }));
app.listen({ port: 0, host: '127.0.0.1' }).then((address) => {
  process.stdout.write(`listening ${address}\n`);
});
