import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { SigningThread, signHere } from './signing-thread';

const keyPair = () => generateKeyPairSync('ed25519');
const inputOf = (i: number) =>
  `eyJhbGciOiJFZERTQSJ9.${Buffer.from(JSON.stringify({ i })).toString('base64url')}`;
const valid = (publicKey: KeyObject, input: string, signature: string) =>
  verify(null, Buffer.from(input), publicKey, Buffer.from(signature, 'base64url'));

describe('SigningThread', () => {
  const threads: SigningThread[] = [];
  const started = () => {
    const thread = SigningThread.start();
    threads.push(thread);
    return thread;
  };
  afterAll(async () => Promise.all(threads.map((t) => t.terminate())));

  it('signs a turn of requests with two keys: the bytes node:crypto gives on the loop, each answer its own', async () => {
    const thread = started();
    const a = keyPair();
    const b = keyPair();
    const asked = Array.from({ length: 40 }, (_, i) => ({
      kid: i % 2 === 0 ? 'a' : 'b',
      pair: i % 2 === 0 ? a : b,
      input: inputOf(i),
    }));
    const signatures = await Promise.all(
      asked.map(({ kid, pair, input }) => thread.sign(kid, pair.privateKey, input)),
    );
    asked.forEach(({ pair, input }, i) => {
      expect(signatures[i]).toBe(signHere(pair.privateKey, input));
      expect(valid(pair.publicKey, input, signatures[i] as string)).toBe(true);
    });
    // a later turn, the keys already on the thread
    const again = await thread.sign('b', b.privateKey, inputOf(99));
    expect(again).toBe(signHere(b.privateKey, inputOf(99)));
  });

  it('signs on the loop instead when the thread stops, with nothing in flight lost', async () => {
    const thread = started();
    const { privateKey, publicKey } = keyPair();
    const inFlight = Array.from({ length: 10 }, (_, i) => thread.sign('k', privateKey, inputOf(i)));
    await new Promise((resolve) => setImmediate(resolve)); // the batch is on its way
    await thread.terminate();
    const later = await thread.sign('k', privateKey, inputOf(10));
    const all = [...(await Promise.all(inFlight)), later];
    all.forEach((signature, i) => expect(valid(publicKey, inputOf(i), signature)).toBe(true));
  });

  it('refuses a key that cannot sign Ed25519, with the error and no key material', async () => {
    const thread = started();
    const { privateKey } = generateKeyPairSync('x25519');
    const error = (await thread
      .sign('x', privateKey, inputOf(1))
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/key/i); // node:crypto's own refusal (Error of another realm)
    expect(error.message).not.toContain(privateKey.export({ format: 'pem', type: 'pkcs8' }));
  });
});
