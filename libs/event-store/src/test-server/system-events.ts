import { randomUUID } from 'node:crypto';
import type { InMemoryLog } from './in-memory-log';

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

/**
 * A real server's `$all` starts with its own events ($-prefixed streams and types), and
 * readers that forget to skip them find out in production. Write a few like a fresh node
 * does (the exact streams and types of a real node differ by version; these are illustrative).
 */
export function writeSystemEvents(log: InMemoryLog): void {
  const system = (streamName: string, type: string, data: unknown) =>
    log.append(
      streamName,
      [
        {
          id: randomUUID(),
          type,
          contentType: 'application/json',
          data: json(data),
          customMetadata: new Uint8Array(),
        },
      ],
      { kind: 'any' },
    );
  system('$settings', '$settings', {
    $userStreamAcl: { $r: '$all', $w: '$all', $d: '$all', $mr: '$all', $mw: '$all' },
    $systemStreamAcl: {
      $r: '$admins',
      $w: '$admins',
      $d: '$admins',
      $mr: '$admins',
      $mw: '$admins',
    },
  });
  system('$user-admin', '$UserCreated', {
    loginName: 'admin',
    fullName: 'Event Store Administrator',
  });
  system('$users', '$User', { loginName: 'admin' });
}
