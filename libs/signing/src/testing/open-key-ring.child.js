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

// Each message is one start: open the ring in `dir` and answer with the current kid and the
// kids the ring publishes. With `once`, exit after answering.
process.on('message', ({ dir, now, once = true }) => {
  openKeyRing({ dir, now }).then(
    (ring) =>
      process.send({ kid: ring.current.kid, published: ring.jwks().keys.map((k) => k.kid) }, () =>
        once ? process.exit(0) : undefined,
      ),
    (e) => process.send({ error: String(e && e.stack) }, () => process.exit(1)),
  );
});
process.send({ ready: true });
