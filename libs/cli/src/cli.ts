import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

/** sysexits.h codes every CLI of the project shares. */
export const EXIT = { OK: 0, USAGE: 64, CONFIG: 78 } as const;

export interface CliOption {
  readonly type: 'string' | 'boolean';
  /** Shown in the help: `--into <url>`. */
  readonly value?: string;
  readonly description: string;
}

/** What a command-line program accepts and answers with; its help is built from this. */
export interface CliSpec {
  /** Its name, e.g. `keys:rotate`. */
  readonly name: string;
  /** How it is run, e.g. `npm run keys:rotate --`. */
  readonly command: string;
  readonly summary: string;
  readonly options?: Readonly<Record<string, CliOption>>;
  readonly positionals?: readonly { readonly name: string; readonly description: string }[];
  /** Configuration variables it reads (from the environment, then ./.env). */
  readonly environment?: readonly string[];
  /** Exit codes besides the shared 64 (usage) and 78 (configuration). */
  readonly exitCodes: Readonly<Record<number, string>>;
  readonly examples?: readonly string[];
}

export type CliArgs = {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
};

export type Parsed =
  | { readonly kind: 'run'; readonly args: CliArgs }
  | { readonly kind: 'help' | 'version'; readonly text: string }
  | { readonly kind: 'usage-error'; readonly text: string };

const optionLine = (name: string, o: CliOption) =>
  `  --${name}${o.value ? ` <${o.value}>` : ''}`.padEnd(26) + o.description;

/** The whole help text: usage, options, configuration and exit codes. */
export const helpOf = (spec: CliSpec): string => {
  const positionals = (spec.positionals ?? []).map((p) => ` <${p.name}>`).join('');
  const options = Object.entries(spec.options ?? {}).map(([n, o]) => optionLine(n, o));
  const exits = {
    ...spec.exitCodes,
    [EXIT.USAGE]: 'bad arguments (nothing was done)',
    ...(spec.environment?.length
      ? { [EXIT.CONFIG]: 'invalid configuration (nothing was done)' }
      : {}),
  };
  return [
    `usage: ${spec.command} [options]${positionals}`,
    '',
    spec.summary,
    ...(spec.positionals?.length
      ? [
          '',
          'arguments:',
          ...spec.positionals.map((p) => `  <${p.name}>`.padEnd(26) + p.description),
        ]
      : []),
    '',
    'options:',
    ...options,
    optionLine('help', { type: 'boolean', description: 'print this help and exit' }),
    optionLine('version', { type: 'boolean', description: 'print the version and exit' }),
    ...(spec.environment?.length
      ? [
          '',
          `configuration: ${spec.environment.join(', ')}`,
          '  from the environment, then ./.env (see .env.example for every variable and its default)',
        ]
      : []),
    '',
    'exit codes:',
    ...Object.entries(exits).map(([code, meaning]) => `  ${code.padStart(3)}  ${meaning}`),
    ...(spec.examples?.length ? ['', 'examples:', ...spec.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
};

/** The version of the package a file belongs to (the nearest package.json above it). */
export const versionOf = (from: string): string => {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      return `${pkg.name ?? 'unknown'} ${pkg.version ?? 'unknown'}`;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
};

/**
 * Parses argv against the spec. `--help` and `--version` win over everything else — also over
 * bad arguments — so asking for help never acts and never fails.
 */
export const parseCli = (spec: CliSpec, argv: readonly string[], version: string): Parsed => {
  const flags = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  if (flags.some((a) => a === '--help' || a === '-h')) return { kind: 'help', text: helpOf(spec) };
  if (flags.some((a) => a === '--version' || a === '-V')) {
    return { kind: 'version', text: `${spec.name} (${version})` };
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(spec.options ?? {}).map(([n, o]) => [n, { type: o.type }]),
      ),
      allowPositionals: true,
      strict: true,
    });
    const wanted = spec.positionals?.length ?? 0;
    if (positionals.length !== wanted) {
      const names = (spec.positionals ?? []).map((p) => `<${p.name}>`).join(' ');
      throw new Error(
        wanted === 0
          ? `unexpected argument '${positionals[0] ?? ''}'`
          : `expected ${wanted} argument${wanted > 1 ? 's' : ''} (${names}), got ${positionals.length}`,
      );
    }
    return { kind: 'run', args: { values, positionals } };
  } catch (error) {
    // node's messages go on to explain `--`; the first sentence is the problem.
    const raw = (error as { message?: unknown } | null)?.message;
    const message = (typeof raw === 'string' ? raw : String(error)).split(/\.\s|\n/)[0];
    return {
      kind: 'usage-error',
      text: `${message}\nusage: ${helpOf(spec).split('\n')[0]?.slice('usage: '.length)}\n(--help for more)`,
    };
  }
};

/**
 * For a program's first line: the parsed arguments, or — for --help, --version or a usage
 * error — the text on stdout/stderr and exit 0/0/64, before anything is read or written.
 */
export const argsOrExit = (spec: CliSpec, from: string, argv = process.argv.slice(2)): CliArgs => {
  const parsed = parseCli(spec, argv, versionOf(from));
  if (parsed.kind === 'run') return parsed.args;
  if (parsed.kind === 'usage-error') {
    process.stderr.write(`${parsed.text}\n`);
    process.exit(EXIT.USAGE);
  }
  process.stdout.write(`${parsed.text}\n`);
  process.exit(EXIT.OK);
};
