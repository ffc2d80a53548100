// A require hook that compiles TypeScript on the fly with @swc/core and resolves the
// `@lic/<lib>` path alias, so scripts outside jest (child processes of tests, benchmarks) run
// the project's .ts sources directly:  node -r ./test/event-store/register-swc.js script.ts
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const alias = /^@lic\/([^/]+)$/;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  const match = alias.exec(request);
  const target = match ? path.join(root, 'libs', match[1], 'src') : request;
  return resolveFilename.call(this, target, parent, isMain, options);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
