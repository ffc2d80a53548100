// npm run bench — runs every benchmark and writes BENCHMARKS.md (see render-markdown.ts for
// the variables). BENCH_ONLY=store,api,projection selects; BENCH_OUT=<file> writes elsewhere.
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { SystemClock } from '@lic/clock';
import { BENCHES, commandLine, effectiveEnv, reductions } from './benches';
import { describeMachine, machineLine } from './machine';
import { renderMarkdown } from './render-markdown';
import { benchesWithoutFigures, readResults, writeResults } from './results-file';
import { runScript } from './run-script';
import { sourceClosure, sourceHash } from './source-hash';

const root = resolve(__dirname, '../..');
const resultsFile = join(root, 'data', 'bench', 'benchmarks.json');
const out = resolve(root, process.env.BENCH_OUT ?? 'BENCHMARKS.md');
const ALL = BENCHES.map((b) => b.id);
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const main = async () => {
  const clock = new SystemClock();
  const selected = BENCHES.filter((b) => only.length === 0 || only.includes(b.id));
  if (selected.length === 0) throw new Error(`BENCH_ONLY=${only.join(',')} names no benchmark`);
  const results = readResults(resultsFile);
  for (const bench of selected) {
    const env = effectiveEnv(bench, process.env);
    const command = commandLine(bench, env);
    const machine = describeMachine(clock);
    // The sources as they are when the bench starts: what its figures measure.
    const sources = { hash: sourceHash(bench.sources), files: sourceClosure(bench.sources).length };
    process.stdout.write(
      `\n=== ${command}\n    on ${machineLine(machine)}, load average ${machine.load1}\n\n`,
    );
    const run = await runScript(bench.script, env, root);
    const figures = run.code === 0 ? bench.figures(run.output) : [];
    if (run.code === 0 && figures.length === 0) {
      process.stderr.write(`${bench.script}: no figures found in its output\n`);
    }
    results[bench.id] = {
      id: bench.id,
      title: bench.title,
      command,
      reductions: reductions(bench, env),
      machine,
      seconds: run.seconds,
      exitCode: run.code,
      figures,
      sources,
    };
    writeResults(resultsFile, results);
    // Not from a partial run on a fresh checkout: it would drop the other benches' rows.
    if (benchesWithoutFigures(results, ALL).length === 0) {
      writeFileSync(out, renderMarkdown(results));
    }
    process.stdout.write(
      `\n=== ${bench.script}: ${run.code === 0 ? `${figures.length} figures` : `FAILED (exit ${String(run.code)})`} in ${Math.round(run.seconds)} s\n`,
    );
  }
  const missing = benchesWithoutFigures(results, ALL);
  process.stdout.write(
    missing.length === 0
      ? `\nwrote ${out}\n`
      : `\n${out} left as it was: ${resultsFile} has no figures yet for ${missing.join(', ')} (a fresh checkout); run them too, e.g. BENCH_ONLY=${missing.join(',')} npm run bench\n`,
  );
  if (selected.some((b) => results[b.id]?.exitCode !== 0)) process.exitCode = 1;
};

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
