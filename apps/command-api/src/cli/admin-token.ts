import { parseArgs } from 'node:util';
import { SystemClock } from '@lic/clock';
import { loadConfigOrExit } from '@lic/config';
import type { Role } from '@lic/signing';
import { mintAdminToken } from './mint-admin-token';

const USAGE = `usage: npm run admin:token -- [--role admin|auditor] [--ttl-hours N] [--subject NAME]
   or: node dist/apps/command-api/src/cli/admin-token.js [options]   (in the image:
       docker compose run --rm command-api-1 node dist/apps/command-api/src/cli/admin-token.js)

Prints an access token for the admin API (admin) or the audit endpoints (auditor), signed with
this installation's signing key (SIGNING_KEYS_DIR, or SIGNING_PRIVATE_KEY_FILE). Nothing else
is printed, so it can be captured: TOKEN=$(npm run -s admin:token).
  --role        admin (default) or auditor
  --ttl-hours   lifetime in hours (default ADMIN_TOKEN_TTL_HOURS, 720)
  --subject     who the token stands for; events it causes name admin:<subject> (default operator)
  --help        print this and exit
`;

const fail = (message: string): never => {
  process.stderr.write(`admin:token: ${message}\n${USAGE}`);
  process.exit(64);
};

const main = async (): Promise<void> => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string', default: 'admin' },
        'ttl-hours': { type: 'string' },
        subject: { type: 'string', default: 'operator' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.role !== 'admin' && values.role !== 'auditor') {
    return fail(`--role ${values.role} is neither admin nor auditor`);
  }
  const ttl = values['ttl-hours'];
  if (ttl !== undefined && !/^[1-9]\d{0,5}$/.test(ttl)) {
    return fail(`--ttl-hours ${ttl} is not a positive number of hours`);
  }
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(values.subject)) {
    return fail('--subject takes 1-64 letters, digits and . _ @ -');
  }
  const config = loadConfigOrExit();
  const token = await mintAdminToken(config, new SystemClock(), {
    role: values.role as Role,
    subject: values.subject,
    ttlHours: ttl === undefined ? config.ADMIN_TOKEN_TTL_HOURS : Number(ttl),
  });
  process.stdout.write(`${token}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `admin:token failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
