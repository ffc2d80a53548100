import { toClientConnectionString } from './connection-string';

describe('KurrentDB connection strings', () => {
  it.each([
    ['kurrentdb://db:2113?tls=false', 'esdb://db:2113?tls=false'],
    ['kurrentdb+discover://a:2113,b:2113,c:2113', 'esdb+discover://a:2113,b:2113,c:2113'],
    ['KurrentDB+Discover://a:2113', 'esdb+discover://a:2113'],
    ['kdb://db:2113', 'esdb://db:2113'],
    ['esdb://db:2113?tls=false', 'esdb://db:2113?tls=false'],
    ['esdb+discover://a:2113', 'esdb+discover://a:2113'],
  ])('%s is given to the client as %s', (given, client) => {
    expect(toClientConnectionString(given)).toBe(client);
  });

  it.each(['http://db:2113', 'sqlite:./x.db', 'kurrentdb:/db', ''])('%s is refused', (given) => {
    expect(toClientConnectionString(given)).toBeNull();
  });
});
