import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchId } from './benches';
import type { Figure } from './figures';
import type { Machine } from './machine';

/** One bench's last run: what produced it, where, and what it measured. */
export interface BenchRun {
  readonly id: BenchId;
  readonly title: string;
  readonly command: string;
  readonly reductions: readonly string[];
  readonly machine: Machine;
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly figures: readonly Figure[];
  /** The hash of the sources measured (source-hash.ts) and how many files they are. */
  readonly sources?: { readonly hash: string; readonly files: number };
}

export type Results = Partial<Record<BenchId, BenchRun>>;

/**
 * The last run of each bench (data/bench/benchmarks.json, not committed): a bench run alone
 * (BENCH_ONLY) replaces its own entry and BENCHMARKS.md keeps the others' figures.
 */
export const readResults = (file: string): Results =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Results) : {};

export const writeResults = (file: string, results: Results): void => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
};

/**
 * The benches of `all` without figures in `results`: on a fresh checkout, a run with BENCH_ONLY
 * has none for the others, and BENCHMARKS.md written from it would drop their rows.
 */
export const benchesWithoutFigures = (results: Results, all: readonly BenchId[]): BenchId[] =>
  all.filter((id) => results[id] === undefined);
