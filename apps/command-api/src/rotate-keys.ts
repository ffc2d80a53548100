import { SystemClock } from '@lic/clock';
import { loadConfigOrExit } from '@lic/config';
import { rotateKeys } from '@lic/signing';

/**
 * npm run keys:rotate — makes a new Ed25519 key current in SIGNING_KEYS_DIR. Running command
 * APIs pick it up within 30 s; tokens signed with the old keys keep verifying, because every
 * public key stays in the JWKS.
 */
const main = async () => {
  const config = loadConfigOrExit();
  const { kid } = await rotateKeys({ dir: config.SIGNING_KEYS_DIR, now: new SystemClock().now() });
  process.stdout.write(`new current signing key: ${kid} (in ${config.SIGNING_KEYS_DIR})\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `key rotation failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
