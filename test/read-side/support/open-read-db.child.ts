// A child process of the migration race test: each message names a read database; it opens it
// (which migrates it) and answers with the outcome, then waits for the next.
import type { ReadDbUrl } from '@lic/config';
import { openReadDb } from '@lic/read-models';

process.on('message', (url: ReadDbUrl) => {
  openReadDb(url).then(
    async (db) => {
      await db.destroy();
      process.send?.({ ok: true });
    },
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});
process.send?.({ ready: true });
