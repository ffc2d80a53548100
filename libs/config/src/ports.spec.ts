import { createServer, type Server } from 'node:net';
import { assertCanListen, distinctPorts, listenNamingVariable, ListenError } from './ports';

const listening = () =>
  new Promise<{ server: Server; port: number }>((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      ok({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });

describe('ports', () => {
  it('a port in use fails before start-up, naming the variable to change', async () => {
    const { server, port } = await listening();
    try {
      await expect(assertCanListen('QUERY_API_PORT', '127.0.0.1', port)).rejects.toThrow(
        new ListenError(
          `QUERY_API_PORT=${port}: 127.0.0.1:${port} is already in use by another process; ` +
            'stop it, or set QUERY_API_PORT to a free port',
        ),
      );
    } finally {
      server.close();
    }
  });

  it('a free port passes, and so does port 0', async () => {
    const { server, port } = await listening();
    await new Promise((r) => server.close(r));
    await expect(assertCanListen('COMMAND_API_PORT', '127.0.0.1', port)).resolves.toBeUndefined();
    await expect(assertCanListen('COMMAND_API_PORT', '127.0.0.1', 0)).resolves.toBeUndefined();
  });

  it('a bind failure during listen is named too', async () => {
    const busy = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    await expect(
      listenNamingVariable('PROJECTOR_PORT', '0.0.0.0', 3002, () => Promise.reject(busy)),
    ).rejects.toThrow(/^PROJECTOR_PORT=3002: 0\.0\.0\.0:3002 is already in use/);
    const other = new Error('something else');
    await expect(
      listenNamingVariable('PROJECTOR_PORT', '0.0.0.0', 3002, () => Promise.reject(other)),
    ).rejects.toBe(other);
  });

  it('the launcher needs three different ports', () => {
    expect(
      distinctPorts({ COMMAND_API_PORT: 3000, QUERY_API_PORT: 3000, PROJECTOR_PORT: 3002 }),
    ).toBe('COMMAND_API_PORT and QUERY_API_PORT are both 3000; give each server its own port');
    expect(distinctPorts({ COMMAND_API_PORT: 0, QUERY_API_PORT: 0, PROJECTOR_PORT: 0 })).toBeNull();
  });
});
