import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceClosure, sourceHash } from './source-hash';

describe('the sources a benchmark or a cached input was produced by', () => {
  it('follow imports transitively, relative and @lic/*, and leave packages out', () => {
    const closure = sourceClosure(['apps/projector/bench/generate-history.ts']);
    expect(closure).toEqual(
      expect.arrayContaining([
        'apps/projector/bench/generate-history.ts',
        'test/read-side/support/workload.ts',
        'libs/domain/src/license/floating.ts',
        'libs/event-store/src/sqlite/sqlite-append.ts',
      ]),
    );
    expect(closure.some((f) => f.includes('node_modules'))).toBe(false);
    expect(closure).toEqual([...closure].sort());
  });

  it('hash to the same value until a file they import changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'source-hash-'));
    try {
      const entry = join(dir, 'bench.ts');
      writeFileSync(entry, "import { x } from './measured';\nexport const y = x;\n");
      writeFileSync(join(dir, 'measured.ts'), 'export const x = 1;\n');
      const before = sourceHash([entry]);
      expect(before).toMatch(/^[0-9a-f]{16}$/);
      expect(sourceHash([entry])).toBe(before);
      writeFileSync(join(dir, 'measured.ts'), 'export const x = 2;\n');
      expect(sourceHash([entry])).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
