import { argsOrExit, EXIT, type CliSpec } from '@lic/cli';
import { SystemClock } from '@lic/clock';
import { loadConfigOrExit } from '@lic/config';
import { TokenLabel } from '@lic/domain';
import type { Role } from '@lic/signing';
import * as E from 'fp-ts/Either';
import { mintAdminToken } from './mint-admin-token';

const adminTokenCli: CliSpec = {
  name: 'admin:token',
  command: 'npm run -s admin:token --',
  summary:
    'Prints an access token for the admin API (admin) or the audit endpoints (auditor), signed\n' +
    "with this installation's signing key, and records its issuance (AdminTokenIssued.v1, never\n" +
    'the token) in EVENT_STORE, so that GET /admin/v1/tokens lists it and DELETE revokes it.\n' +
    'Nothing else is printed, so it can be captured:\n' +
    'TOKEN=$(npm run -s admin:token). In the image: docker compose run --rm command-api-1\n' +
    'node dist/apps/command-api/src/cli/admin-token.js',
  options: {
    role: { type: 'string', value: 'admin|auditor', description: 'the role (default admin)' },
    'ttl-hours': {
      type: 'string',
      value: 'n',
      description: 'lifetime in hours (default ADMIN_TOKEN_TTL_HOURS)',
    },
    subject: {
      type: 'string',
      value: 'name',
      description: 'who it stands for; its events name admin:<subject> (default operator)',
    },
    label: {
      type: 'string',
      value: 'text',
      description: 'what it is for, shown by GET /admin/v1/tokens (1-100 characters)',
    },
  },
  environment: [
    'EVENT_STORE',
    'SIGNING_KEYS_DIR',
    'SIGNING_PRIVATE_KEY_FILE',
    'PUBLIC_URL',
    'ADMIN_TOKEN_TTL_HOURS',
  ],
  exitCodes: { 0: 'the token is printed', 1: 'no token could be minted' },
};

const usage = (message: string): never => {
  process.stderr.write(`admin:token: ${message} (--help for usage)\n`);
  process.exit(EXIT.USAGE);
};

const main = async (): Promise<void> => {
  const { values } = argsOrExit(adminTokenCli, __dirname);
  const role = values['role'] ?? 'admin';
  const ttl = values['ttl-hours'];
  const subject = values['subject'] ?? 'operator';
  const label = values['label'];
  if (role !== 'admin' && role !== 'auditor')
    usage(`--role ${String(role)} is neither admin nor auditor`);
  if (ttl !== undefined && !/^[1-9]\d{0,3}$/.test(String(ttl))) {
    usage(`--ttl-hours ${String(ttl)} is not a whole number of hours from 1 to 9999`);
  }
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(String(subject))) {
    usage('--subject takes 1-64 letters, digits and . _ @ -');
  }
  if (label !== undefined && E.isLeft(TokenLabel.decode(label))) {
    usage(`--label takes ${TokenLabel.name}`);
  }
  const config = loadConfigOrExit();
  const token = await mintAdminToken(config, new SystemClock(), {
    role: role as Role,
    subject: String(subject),
    ttlHours: ttl === undefined ? config.ADMIN_TOKEN_TTL_HOURS : Number(ttl),
    label: label === undefined ? null : String(label),
    mintedBy: 'admin-token-cli',
  });
  process.stdout.write(`${token}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `admin:token failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
