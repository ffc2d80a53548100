import { formatReport, runFuzz } from './fuzz-run';

/**
 * npm run fuzz [-- <requests> [<seed>]]: the CI fuzz test's run at length (default 100,000
 * requests, seed 11). Prints the figures; exits 1 on any violation.
 */
const main = async (): Promise<void> => {
  const requests = Number(process.argv[2] ?? process.env['FUZZ_REQUESTS'] ?? 100_000);
  const seed = Number(process.argv[3] ?? process.env['FUZZ_SEED'] ?? 11);
  const report = await runFuzz({
    seed,
    requests,
    onProgress: (done) => {
      if (done % 10_000 === 0) process.stderr.write(`fuzz: ${done} / ${requests}\n`);
    },
  });
  process.stdout.write(`${formatReport(report)}\n`);
  process.exit(report.violations.length === 0 ? 0 : 1);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `fuzz failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(2);
});
