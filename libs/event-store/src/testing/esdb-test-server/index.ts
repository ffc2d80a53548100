export {
  startEsdbTestServer,
  type EsdbTestServer,
  type EsdbTestServerOptions,
} from './start-esdb-test-server';
