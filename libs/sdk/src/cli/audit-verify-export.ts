#!/usr/bin/env node
import { argsOrExit, EXIT, type CliSpec } from '@lic/cli';
import { readJwks, seatsAsOf, verifyExportFile } from '../audit/verify-export-file';

const cli: CliSpec = {
  name: 'audit:verify-export',
  command: 'npm run -s audit:verify-export --',
  summary:
    'Verifies an export of `npm run audit:export` with nothing but the file (no database, no\n' +
    'server): the manifest signature and digest, every seal (Merkle root, Ed25519 signature)\n' +
    'and every hash-chain link; prints the first broken link precisely. With --as-of and\n' +
    "--license, prints the license's seats at that instant, rebuilt from the export with the\n" +
    "domain's own evolve, exactly as the query API's as-of answer.",
  positionals: [{ name: 'file', description: 'the export (NDJSON)' }],
  options: {
    jwks: {
      type: 'string',
      value: 'file|url',
      description: "the server's public keys (default: those in the export; pin them!)",
    },
    'as-of': { type: 'string', value: 'instant', description: 'rebuild seats at this instant' },
    license: { type: 'string', value: 'id', description: 'the license for --as-of' },
  },
  exitCodes: {
    0: 'intact (and, with --as-of, the seats are printed)',
    1: 'NOT intact: what does not verify is printed, first broken first; or no such license',
    2: 'the file or the JWKS could not be read',
  },
  examples: [
    'npm run -s audit:verify-export -- audit.ndjson --jwks https://licenses.example.com/.well-known/jwks.json',
    'npm run -s audit:verify-export -- audit.ndjson --jwks jwks.json --as-of 2026-03-01T12:00:00Z --license lic-1',
  ],
};

const usage = (message: string): never => {
  process.stderr.write(`audit:verify-export: ${message} (--help for usage)\n`);
  process.exit(EXIT.USAGE);
};

const main = async (): Promise<number> => {
  const { values, positionals } = argsOrExit(cli, __dirname);
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) usage('give exactly one export file');
  const asOf = values['as-of'];
  const license = values.license;
  if ((asOf === undefined) !== (license === undefined)) usage('--as-of and --license go together');
  const at = asOf === undefined ? null : Date.parse(String(asOf));
  if (at !== null && (Number.isNaN(at) || !/Z$|[+-]\d\d:\d\d$/.test(String(asOf)))) {
    usage(`--as-of ${String(asOf)} is not an ISO-8601 instant with a time zone`);
  }
  let verdict;
  try {
    const jwks = values.jwks === undefined ? null : await readJwks(String(values.jwks));
    verdict = await verifyExportFile(String(file), jwks);
    if (jwks === null) {
      process.stdout.write(
        'warning: no --jwks given: signatures checked against the keys in the export\n',
      );
    }
  } catch (error) {
    process.stderr.write(
      `audit:verify-export: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const c = verdict.chain;
  process.stdout.write(
    `${c.events} events in ${c.streams} streams: ${c.chainedEvents} chained, ` +
      `${c.unchainedPrefixEvents} recorded before the chain existed (unchained prefix); ` +
      `${verdict.seals.valid}/${verdict.seals.total} seals verify` +
      (verdict.seals.kids.length > 0 ? ` (kid ${verdict.seals.kids.join(', ')})` : '') +
      '\n',
  );
  if (!verdict.intact) {
    process.stdout.write(`NOT INTACT\n${verdict.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('intact\n');
  if (at !== null && license !== undefined) {
    const seats = await seatsAsOf(verdict, String(license), at);
    if (seats === null) {
      process.stdout.write(
        `license ${String(license)} was not issued at ${new Date(at).toISOString()} in this export\n`,
      );
      return 1;
    }
    process.stdout.write(`${JSON.stringify(seats)}\n`);
  }
  return 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `audit:verify-export failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
