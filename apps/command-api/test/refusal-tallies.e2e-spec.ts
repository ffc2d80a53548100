import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { issueLicense, startCommandApi, type Running } from './harness';

/** Refused checkouts of the license counted from the store: recorded ones plus tallies. */
const refusalsIn = async (api: Running, licenseId: string) => {
  let total = 0;
  for (const e of await api.events()) {
    if (e.streamName !== `license-${licenseId}`) continue;
    if (e.type === 'CheckoutRefused.v1') total++;
    if (e.type === 'RefusalsTallied.v1') total += e.data.count as number;
  }
  return total;
};

describe('refusal tallies over HTTP (U2, O5)', () => {
  it('U2: 40 refused checkouts are counted by reason in the store within a second, and no command but the 41 checkouts goes through the CommandBus', async () => {
    const api = await startCommandApi();
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 1 });
    const bus = api.api.app.get(CommandBus);
    const sent: string[] = [];
    const execute = bus.execute.bind(bus);
    jest.spyOn(bus, 'execute').mockImplementation((command: ICommand) => {
      sent.push(command.constructor.name);
      return execute(command);
    });
    const checkout = (fingerprint: string, n: number) =>
      api.client(
        key,
        '/api/v1/license/floating/checkout',
        { fingerprint },
        { 'idempotency-key': `k-${n}` },
      );
    expect((await checkout('holder', 0)).status).toBe(200);
    for (let i = 1; i <= 40; i++) {
      const refused = await checkout('looper', i);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ error: { code: 'SEATS_EXHAUSTED' } });
    }
    const started = performance.now();
    while ((await refusalsIn(api, licenseId)) < 40 && performance.now() - started < 3000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await refusalsIn(api, licenseId)).toBe(40);
    expect(sent).toEqual(Array.from({ length: 41 }, () => 'CheckoutLeaseCommand'));
    await api.close();
  });
});
