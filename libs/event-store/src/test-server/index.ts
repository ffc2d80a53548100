export {
  startEsdbTestServer,
  type CountedMethod,
  type EsdbTestServer,
  type EsdbTestServerOptions,
} from './start-esdb-test-server';
export { advertisedMethods, KURRENTDB_25_VERSION } from './server-features';
