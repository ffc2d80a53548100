import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDirs } from '../testing/temp-dir';
import { openKeyRing } from './open-key-ring';

const T0 = Date.UTC(2026, 0, 1);
const newDir = tempDirs();
const CHILD = join(__dirname, '..', 'testing', 'open-key-ring.child.js');

type ChildMessage = { ready: true } | { kid: string; published: string[] } | { error: string };

const nextMessage = (child: ChildProcess): Promise<ChildMessage> =>
  new Promise((resolve, reject) => {
    const exited = (code: number | null) =>
      reject(new Error(`child exited with ${code} before answering`));
    child.once('error', reject);
    child.once('exit', exited);
    child.once('message', (m) => {
      child.off('error', reject);
      child.off('exit', exited);
      resolve(m as ChildMessage);
    });
  });

const answerOf = (m: ChildMessage): { kid: string; published: string[] } => {
  if ('kid' in m) return m;
  throw new Error('error' in m ? m.error : 'unexpected message');
};

const kidOf = (m: ChildMessage): string => {
  if ('kid' in m) return m.kid;
  throw new Error('error' in m ? m.error : 'unexpected message');
};

const keyFiles = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((n) => n.endsWith('.jwk.json'));

describe('openKeyRing on an empty directory, concurrently', () => {
  it('starts racing in one process all end with the same current key, and only it is kept', async () => {
    const dir = await newDir();
    const rings = await Promise.all(
      Array.from({ length: 8 }, (_, i) => openKeyRing({ dir, now: T0 + i })),
    );
    const kids = new Set(rings.map((r) => r.current.kid));
    expect(kids.size).toBe(1);
    expect(await keyFiles(dir)).toEqual([`${rings[0]!.current.kid}.jwk.json`]);
    for (const r of rings) expect(r.jwks().keys.map((k) => k.kid)).toEqual([...kids]);
  });

  it('separate processes started at once (and this one) converge on one key', async () => {
    const dir = join(await newDir(), 'keys');
    const children = Array.from({ length: 3 }, () =>
      fork(CHILD, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
    );
    try {
      await Promise.all(
        children.map(async (c) => expect(await nextMessage(c)).toEqual({ ready: true })),
      );
      const answers = children.map(nextMessage);
      for (const c of children) c.send({ dir, now: T0 });
      const [own, ...theirs] = await Promise.all([openKeyRing({ dir, now: T0 }), ...answers]);

      expect(theirs.map(kidOf)).toEqual(children.map(() => own.current.kid));
      expect(await keyFiles(dir)).toEqual([`${own.current.kid}.jwk.json`]);
    } finally {
      for (const c of children) c.kill();
    }
  });

  it('20 rounds of 4 processes starting together on an empty directory: exactly one key each time', async () => {
    const ROUNDS = 20;
    const children = Array.from({ length: 4 }, () =>
      fork(CHILD, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
    );
    try {
      await Promise.all(
        children.map(async (c) => expect(await nextMessage(c)).toEqual({ ready: true })),
      );
      for (let round = 0; round < ROUNDS; round++) {
        const dir = join(await newDir(), 'keys');
        const answers = children.map(nextMessage);
        for (const c of children) c.send({ dir, now: T0 + round, once: false });
        const opened = (await Promise.all(answers)).map(answerOf);
        const kid = opened[0]!.kid;
        expect(opened.map((o) => o.kid)).toEqual([kid, kid, kid, kid]);
        for (const o of opened) expect(o.published).toEqual([kid]);
        expect(await keyFiles(dir)).toEqual([`${kid}.jwk.json`]);
        expect((await readdir(dir)).sort()).toEqual(['current.json', `${kid}.jwk.json`].sort());
      }
    } finally {
      for (const c of children) c.kill();
    }
  }, 120_000);
});
