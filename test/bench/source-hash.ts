import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root: every path below is relative to it. */
export const ROOT = resolve(__dirname, '../..');

const IMPORT =
  /(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The repository file a specifier names, or null for a package outside the repository. */
const resolveSpecifier = (from: string, specifier: string): string | null => {
  const lib = /^@lic\/([^/]+)$/.exec(specifier);
  const base = lib
    ? join(ROOT, 'libs', lib[1] as string, 'src')
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
};

/**
 * Every repository source file the entry files load, following their imports (relative ones
 * and `@lic/*`) transitively: what a benchmark, or a cached input, was produced by. Packages
 * from node_modules are left out. Paths are relative to the repository root, sorted.
 */
export const sourceClosure = (entries: readonly string[]): string[] => {
  const seen = new Set<string>();
  const queue = entries.map((e) => resolve(ROOT, e));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`source-hash: ${relative(ROOT, file)} does not exist`);
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveSpecifier(file, (m[1] ?? m[2]) as string);
      if (target !== null && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].map((f) => relative(ROOT, f)).sort();
};

/** SHA-256 (hex, first 16 digits) of the closure's paths and contents. */
export const sourceHash = (entries: readonly string[]): string => {
  const hash = createHash('sha256');
  for (const file of sourceClosure(entries)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
};
