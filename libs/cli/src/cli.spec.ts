import { helpOf, parseCli, versionOf, type CliSpec } from './cli';

const spec: CliSpec = {
  name: 'audit:verify',
  command: 'npm run audit:verify --',
  summary: 'Compares the read models with a replay.',
  options: { into: { type: 'string', value: 'url', description: 'replay into this database' } },
  environment: ['EVENT_STORE', 'READ_DB'],
  exitCodes: { 0: 'identical', 1: 'different' },
};
const copy: CliSpec = {
  name: 'store:copy',
  command: 'npm run store:copy --',
  summary: 'Copies a history.',
  positionals: [
    { name: 'from', description: 'source' },
    { name: 'to', description: 'target' },
  ],
  exitCodes: { 0: 'copied' },
};

describe('command-line arguments', () => {
  it('--help and --version win over everything, bad arguments included, and never run', () => {
    expect(parseCli(spec, ['--bogus', '--help'], 'x 1')).toEqual({
      kind: 'help',
      text: helpOf(spec),
    });
    expect(parseCli(spec, ['-h'], 'x 1').kind).toBe('help');
    expect(parseCli(spec, ['--into', 'sqlite:a', '--version'], 'license-server 0.1.0')).toEqual({
      kind: 'version',
      text: 'audit:verify (license-server 0.1.0)',
    });
    expect(parseCli(copy, ['-V'], 'v').kind).toBe('version');
  });

  it('after `--` nothing is read as --help', () => {
    expect(parseCli(copy, ['--', 'a', '--help'], 'v')).toMatchObject({
      kind: 'run',
      args: { positionals: ['a', '--help'] },
    });
  });

  it('the help documents usage, options, configuration and every exit code', () => {
    const help = helpOf(spec);
    expect(help.split('\n')[0]).toBe('usage: npm run audit:verify -- [options]');
    expect(help).toMatch(/--into <url>\s+replay into this database/);
    expect(help).toMatch(/--help\s+print this help and exit/);
    expect(help).toMatch(/--version\s+print the version and exit/);
    expect(help).toContain('configuration: EVENT_STORE, READ_DB');
    for (const line of [
      '0  identical',
      '1  different',
      '64  bad arguments',
      '78  invalid configuration',
    ]) {
      expect(help).toContain(line);
    }
    expect(helpOf(copy)).not.toContain('78');
    expect(helpOf(copy)).toMatch(/<from>\s+source/);
  });

  it('an unknown option, a missing value or a wrong number of arguments is a usage error', () => {
    for (const argv of [['--bogus'], ['--into'], ['extra']]) {
      const parsed = parseCli(spec, argv, 'v');
      expect(parsed.kind).toBe('usage-error');
    }
    expect(parseCli(spec, ['--bogus'], 'v')).toEqual({
      kind: 'usage-error',
      text: "Unknown option '--bogus'\nusage: npm run audit:verify -- [options]\n(--help for more)",
    });
    expect(parseCli(copy, ['a'], 'v')).toMatchObject({
      kind: 'usage-error',
      text: expect.stringContaining('expected 2 arguments (<from> <to>), got 1'),
    });
  });

  it('parses options and positionals', () => {
    expect(parseCli(spec, ['--into=sqlite:x.db'], 'v')).toEqual({
      kind: 'run',
      args: { values: { into: 'sqlite:x.db' }, positionals: [] },
    });
    expect(parseCli(copy, ['sqlite:a', 'esdb://b'], 'v')).toMatchObject({
      kind: 'run',
      args: { positionals: ['sqlite:a', 'esdb://b'] },
    });
  });

  it('the version is the nearest package.json', () => {
    expect(versionOf(__dirname)).toMatch(/^license-server \d+\.\d+\.\d+$/);
  });
});
