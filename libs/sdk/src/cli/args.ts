export interface RunArgs {
  readonly serverUrl: string;
  readonly licenseKey: string;
  /** The key came from --key (visible in the process list) rather than LICENSE_KEY. */
  readonly keyFromFlag: boolean;
  readonly fingerprint: string | undefined;
  readonly mode: 'wait' | 'fail-fast';
  readonly maxWaitSeconds: number;
  readonly command: string;
  readonly args: readonly string[];
}

export type Parsed =
  | { readonly kind: 'run'; readonly run: RunArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

export const USAGE = `usage: license-run --server URL [--key KEY] [--fingerprint ID]
                   [--wait | --fail-fast] [--max-wait SECONDS] -- <command> [args…]

Checks out a floating seat, heartbeats while <command> runs, checks the seat in when it ends,
and exits with the command's own status (128+N if it was killed by signal N).

  --server URL        the license server (or LICENSE_SERVER)
  --key KEY           the license key; prefer the LICENSE_KEY environment variable
  --fingerprint ID    this node's identity (or LICENSE_FINGERPRINT; default: the machine id)
  --fail-fast         no free seat: exit 75 at once (the default)
  --wait              no free seat: wait, with a bounded back-off, printing each wait
  --max-wait SECONDS  with --wait, give up (exit 75) after this long (default 3600)
  -h, --help          print this help and exit (nothing is checked out)
  -V, --version       print the version and exit

exit codes:
    0  the command succeeded (any other status of the command is passed through as is,
       128+N if it was killed by signal N)
   64  bad arguments (nothing was checked out)
   69  the license server could not be reached
   75  no free seat (--fail-fast, or --max-wait passed), or the seat was lost while running
   76  an answer of the server failed signature verification
   77  the license refuses: revoked, suspended, expired, unknown key, no floating overlay
  126  the command could not be executed
  127  the command was not found`;

const VALUE_FLAGS = new Set(['--server', '--key', '--fingerprint', '--max-wait']);

/** Parses license-run's arguments; the key prefers LICENSE_KEY over --key. */
export const parseArgs = (argv: readonly string[], env: NodeJS.ProcessEnv): Parsed => {
  // --help and --version win over everything before `--`, bad arguments included: asking never acts.
  const own = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  if (own.some((a) => a === '-h' || a === '--help')) return { kind: 'help' };
  if (own.some((a) => a === '-V' || a === '--version')) return { kind: 'version' };
  const values = new Map<string, string>();
  let mode: RunArgs['mode'] | null = null;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg === '--wait' || arg === '--fail-fast') {
      const wanted = arg === '--wait' ? 'wait' : 'fail-fast';
      if (mode !== null && mode !== wanted) {
        return { kind: 'error', message: '--wait and --fail-fast exclude each other' };
      }
      mode = wanted;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (VALUE_FLAGS.has(flag!)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '')
        return { kind: 'error', message: `${flag} needs a value` };
      values.set(flag!, value);
      continue;
    }
    if (arg.startsWith('-')) return { kind: 'error', message: `unknown option ${arg}` };
    break;
  }
  const [command, ...args] = argv.slice(i);
  if (command === undefined) return { kind: 'error', message: 'no command given (after --)' };
  const serverUrl = values.get('--server') ?? env.LICENSE_SERVER;
  if (!serverUrl) return { kind: 'error', message: '--server (or LICENSE_SERVER) is required' };
  const fromEnv = env.LICENSE_KEY;
  const licenseKey = fromEnv || values.get('--key');
  if (!licenseKey) return { kind: 'error', message: 'set LICENSE_KEY (or pass --key)' };
  const maxWait = values.get('--max-wait') ?? '3600';
  if (!/^\d+(\.\d+)?$/.test(maxWait)) {
    return { kind: 'error', message: '--max-wait takes a number of seconds' };
  }
  return {
    kind: 'run',
    run: {
      serverUrl,
      licenseKey,
      keyFromFlag: !fromEnv && values.has('--key'),
      fingerprint: values.get('--fingerprint') ?? env.LICENSE_FINGERPRINT ?? undefined,
      mode: mode ?? 'fail-fast',
      maxWaitSeconds: Number(maxWait),
      command,
      args,
    },
  };
};
