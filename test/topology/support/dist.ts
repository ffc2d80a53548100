import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
/** Compiled entry points the topology runs, as docker/ runs them. */
export const DIST = {
  esdbTestServer: join(ROOT, 'dist/libs/event-store/src/test-server/main.js'),
  commandApi: join(ROOT, 'dist/apps/command-api/src/main.js'),
  projector: join(ROOT, 'dist/apps/projector/src/main.js'),
  queryApi: join(ROOT, 'dist/apps/query-api/src/main.js'),
  adminToken: join(ROOT, 'dist/apps/command-api/src/cli/admin-token.js'),
  auditVerify: join(ROOT, 'dist/apps/projector/src/cli/audit-verify.js'),
} as const;

const newestSource = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
};

/** When the last build finished (tsc writes its build info each time), 0 if an entry is missing. */
const oldestBuilt = (): number =>
  Math.min(
    ...[join(ROOT, 'dist/.tsbuildinfo'), ...Object.values(DIST)].map((file, i) => {
      try {
        const { mtimeMs } = statSync(file);
        return i === 0 ? mtimeMs : Number.POSITIVE_INFINITY; // entries need only exist
      } catch {
        return 0;
      }
    }),
  );

/**
 * The topology runs compiled code, as in production. CI builds before testing; when dist is
 * missing or older than a source file (a developer's run), build it first, and fail clearly if
 * the build fails.
 */
export const ensureFreshDist = (): void => {
  const sources = Math.max(
    ...['apps', 'libs'].flatMap((top) =>
      readdirSync(join(ROOT, top), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(ROOT, top, d.name, 'src'))
        .filter((dir) => {
          try {
            return statSync(dir).isDirectory();
          } catch {
            return false;
          }
        })
        .map(newestSource),
    ),
  );
  if (oldestBuilt() >= sources) return;
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  // tsc rewrites nothing when nothing changed (a file touched, not edited): a successful build
  // is then enough; every entry point must exist.
  if (build.status !== 0 || oldestBuilt() === 0) {
    throw new Error(
      `dist/ is missing or older than the sources, and \`npm run build\` failed:\n${build.stdout}${build.stderr}`,
    );
  }
};
