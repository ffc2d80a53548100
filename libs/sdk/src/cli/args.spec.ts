import { parseArgs } from './args';

const env = { LICENSE_KEY: 'from-env' };

describe('license-run arguments', () => {
  it('takes the key from LICENSE_KEY first, defaults to --fail-fast, and keeps the command intact', () => {
    expect(
      parseArgs(['--server', 'http://s', '--key', 'flag', '--', 'render', '--frames', '1-9'], env),
    ).toEqual({
      kind: 'run',
      run: {
        serverUrl: 'http://s',
        licenseKey: 'from-env',
        keyFromFlag: false,
        fingerprint: undefined,
        mode: 'fail-fast',
        maxWaitSeconds: 3600,
        command: 'render',
        args: ['--frames', '1-9'],
      },
    });
  });

  it('accepts --flag=value, --wait and --max-wait, and a key given only by --key', () => {
    const parsed = parseArgs(
      ['--server=http://s', '--key=k', '--fingerprint', 'n7', '--wait', '--max-wait', '90', 'job'],
      {},
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      run: {
        licenseKey: 'k',
        keyFromFlag: true,
        fingerprint: 'n7',
        mode: 'wait',
        maxWaitSeconds: 90,
      },
    });
  });

  it.each([
    [['--server', 's', '--'], 'no command'],
    [['--', 'job'], '--server'],
    [['--server', 's', '--wait', '--fail-fast', 'job'], 'exclude'],
    [['--server', 's', '--max-wait', 'soon', 'job'], '--max-wait'],
    [['--server', 's', '--frobnicate', 'job'], 'unknown option'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseArgs(argv, env);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain(message);
  });

  it('refuses to run without a key', () => {
    expect(parseArgs(['--server', 's', 'job'], {})).toMatchObject({ kind: 'error' });
  });

  it('--help and --version win over bad arguments before `--`, and not after it', () => {
    expect(parseArgs(['--bogus', '--help'], {})).toEqual({ kind: 'help' });
    expect(parseArgs(['--server', 'http://s', '-V'], {})).toEqual({ kind: 'version' });
    expect(parseArgs(['--server', 'http://s', '--', 'render', '--help'], env)).toMatchObject({
      kind: 'run',
      run: { command: 'render', args: ['--help'] },
    });
  });
});
