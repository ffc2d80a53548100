import { createServer } from 'node:net';

type PortVariable = 'COMMAND_API_PORT' | 'QUERY_API_PORT' | 'PROJECTOR_PORT';

/** Why a server could not listen, in terms of the variables that chose where. */
export const listenProblem = (
  error: unknown,
  variable: PortVariable,
  host: string,
  port: number,
): string | null => {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return (
        `${variable}=${port}: ${host}:${port} is already in use by another process; ` +
        `stop it, or set ${variable} to a free port`
      );
    case 'EACCES':
      return `${variable}=${port}: not allowed to listen on port ${port} (ports below 1024 need privileges); set ${variable} to a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `HOST=${host}: not an address of this machine; set HOST to one of its addresses (or 0.0.0.0)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST=${host}: this host name does not resolve; set HOST to an address of this machine`;
    default:
      return null;
  }
};

/** An error whose message names the variable to change; mains print it and exit non-zero. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/**
 * Fails with a ListenError naming the variable when `host:port` cannot be bound — checked
 * before a server is built, so nothing logs "started" for a server that will not listen.
 * Port 0 (any free port) always passes.
 */
export const assertCanListen = (variable: PortVariable, host: string, port: number) =>
  port === 0
    ? Promise.resolve()
    : new Promise<void>((ok, fail) => {
        const probe = createServer();
        probe.once('error', (error) =>
          fail(
            new ListenError(
              listenProblem(error, variable, host, port) ??
                `${variable}=${port}: cannot listen on ${host}:${port} (${error.message})`,
            ),
          ),
        );
        probe.listen({ port, host, exclusive: true }, () => probe.close(() => ok()));
      });

/**
 * Runs `listen`, turning a bind failure into a ListenError naming the variable (the port may
 * have been taken between assertCanListen and the real listen).
 */
export const listenNamingVariable = async <T>(
  variable: PortVariable,
  host: string,
  port: number,
  listen: () => Promise<T>,
): Promise<T> => {
  try {
    return await listen();
  } catch (error) {
    const problem = listenProblem(error, variable, host, port);
    throw problem === null ? error : new ListenError(problem);
  }
};

/** The launcher runs all three servers on one host: their ports must differ. */
export const distinctPorts = (ports: Readonly<Record<PortVariable, number>>): string | null => {
  const entries = Object.entries(ports).filter(([, p]) => p !== 0);
  for (const [i, [a, pa]] of entries.entries()) {
    const clash = entries.slice(i + 1).find(([, pb]) => pb === pa);
    if (clash) return `${a} and ${clash[0]} are both ${pa}; give each server its own port`;
  }
  return null;
};
