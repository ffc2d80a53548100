// npm run bench:signing
//
// What signing an answer costs the event loop: BENCH_SIGNATURES compact JWS (an envelope-sized
// payload), BENCH_PER_TURN asked for in each turn of the loop as after a group commit, signed
// three ways in one run — on the signing thread (signCompactJws, as the command API signs),
// with node:crypto's callback form on libuv's thread pool (how answers were signed before),
// and synchronously on the loop. For each: the main thread's CPU per signature (the thread
// every request waits for) and the whole process's (all threads), from /proc.
import { KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, openKeyRing } from '@lic/signing';
import { signCompactJws } from '../../../libs/signing/src/jws/compact-jws';
import { ALG } from '../../../libs/signing/src/keys/ed25519';
import { mainThreadCpuMicros, processCpuMicros } from './process-cpu';

const SIGNATURES = Number(process.env.BENCH_SIGNATURES ?? 30_000);
const PER_TURN = Number(process.env.BENCH_PER_TURN ?? 16);
const TYP = 'lic-envelope+jws';

const payloadOf = (n: number) => ({
  license_id: 'lic_bench',
  lease_token: `llt_${n}`,
  seats_in_use: n % 100,
  decided_at: '2026-11-30T12:00:00.000Z',
  expires_at: '2026-11-30T12:15:00.000Z',
});

type Signer = (n: number) => Promise<unknown>;

const onThreadPool = (key: KeyObject, input: Buffer) =>
  new Promise<Buffer>((resolve, reject) =>
    sign(null, input, key, (error, signature) => (error ? reject(error) : resolve(signature))),
  );

/** Main-thread and process CPU per signature, signing PER_TURN at a time. */
const measure = async (signer: Signer) => {
  const run = async () => {
    for (let i = 0; i < SIGNATURES; i += PER_TURN) {
      await Promise.all(Array.from({ length: PER_TURN }, (_, j) => signer(i + j)));
    }
  };
  await run(); // warm-up
  const loop = mainThreadCpuMicros(process.pid);
  const all = processCpuMicros(process.pid);
  await run();
  const per = (after: number | null, before: number | null) =>
    after === null || before === null ? NaN : (after - before) / SIGNATURES;
  return {
    main: per(mainThreadCpuMicros(process.pid), loop),
    process: per(processCpuMicros(process.pid), all),
  };
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-signing-'));
  try {
    const ring = await openKeyRing({ dir, now: Date.UTC(2026, 10, 30) });
    const key = ring.current;
    const privateKey = KeyObject.from(key.privateKey);
    // The same compact JWS signCompactJws builds: header, canonical payload, signature.
    const header = Buffer.from(JSON.stringify({ alg: ALG, kid: key.kid, typ: TYP })).toString(
      'base64url',
    );
    const input = (n: number) =>
      `${header}.${Buffer.from(canonicalJson(payloadOf(n))).toString('base64url')}`;
    const jws = (text: string, signature: Buffer) => `${text}.${signature.toString('base64url')}`;
    const signers: [string, Signer][] = [
      ['signing thread (signCompactJws)', (n) => signCompactJws(ring, TYP, payloadOf(n))],
      [
        "node:crypto on libuv's pool",
        async (n) => {
          const text = input(n);
          return jws(text, await onThreadPool(privateKey, Buffer.from(text)));
        },
      ],
      [
        'node:crypto on the loop',
        async (n) => {
          const text = input(n);
          return jws(text, sign(null, Buffer.from(text), privateKey));
        },
      ],
    ];
    console.log(`bench:signing — ${SIGNATURES} signatures, ${PER_TURN} per turn of the loop`);
    for (const [name, signer] of signers) {
      const { main: loop, process: all } = await measure(signer);
      console.log(
        `${name.padEnd(34)} main thread ${loop.toFixed(1)} µs/signature, process ${all.toFixed(1)} µs/signature`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
};

void main();
