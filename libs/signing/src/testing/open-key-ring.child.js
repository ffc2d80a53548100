// A second process for the concurrency spec: it opens the key ring in the directory the parent
// names, at the moment the parent says so, and reports the current kid. It runs the very
// TypeScript sources: a require hook compiles them with @swc/core (jest's own compiler, already
// installed); jose, an ES module, loads through Node's require(esm).
'use strict';
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { openKeyRing } = require('../keys/open-key-ring.ts');

process.once('message', ({ dir, now }) => {
  openKeyRing({ dir, now }).then(
    (ring) => process.send({ kid: ring.current.kid }, () => process.exit(0)),
    (e) => process.send({ error: String(e && e.stack) }, () => process.exit(1)),
  );
});
process.send({ ready: true });
