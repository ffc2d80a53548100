import { argsOrExit, type CliSpec } from '@lic/cli';
import { SystemClock } from '@lic/clock';
import { loadConfigOrExit } from '@lic/config';
import { rotateKeys } from '@lic/signing';

/**
 * npm run keys:rotate — makes a new Ed25519 key current in SIGNING_KEYS_DIR. Running command
 * APIs pick it up within 30 s; tokens signed with the old keys keep verifying, because every
 * public key stays in the JWKS.
 */
const rotateKeysCli: CliSpec = {
  name: 'keys:rotate',
  command: 'npm run keys:rotate --',
  summary:
    'Makes a new Ed25519 signing key current in SIGNING_KEYS_DIR. Running command APIs pick it\n' +
    'up within 30 s; every older public key stays in the JWKS, so issued tokens keep verifying.',
  environment: ['SIGNING_KEYS_DIR'],
  exitCodes: { 0: 'a new key is current (its kid is printed)', 1: 'rotation failed' },
};

const main = async () => {
  argsOrExit(rotateKeysCli, __dirname);
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
