import { resolve } from 'node:path';
import { startBenchProcess } from '../../../test/bench/bench-processes';

const MAIN = resolve(__dirname, '../src/test-server/main.ts');
/** The line `npm run esdb:test-server` prints once it listens. */
const READY = /esdb test server\s+(esdb:\/\/\S+)/;

/**
 * The KurrentDB-protocol test server in a process of its own (as `npm run esdb:test-server`
 * runs it, from the TypeScript sources), on a free port, its log in memory: a benchmark's
 * client then shares neither its event loop nor its heap with the server, as it would not
 * with a real KurrentDB node.
 */
export const startTestServerProcess = async (): Promise<{
  readonly connectionString: string;
  stop(): Promise<void>;
}> => {
  const server = await startBenchProcess(MAIN, {}, READY, { args: ['--port', '0'] });
  return { connectionString: server.match[1] as string, stop: server.stop };
};
