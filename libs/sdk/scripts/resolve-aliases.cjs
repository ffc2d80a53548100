// Post-build step: the sources import sibling libraries as `@lic/<lib>` (a path alias of the
// monorepo); tsc compiled those libraries into dist/<lib>/src beside dist/sdk/src. This rewrites
// each `@lic/<lib>` specifier in dist (.js and .d.ts) into the relative path of that folder,
// so the package runs and type-checks without the alias.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist');
const alias = /(require\(|from |import\()(['"])@lic\/([a-z0-9-]+)\2/g;

const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });

let rewritten = 0;
for (const file of walk(dist).filter((f) => /\.(js|d\.ts)$/.test(f))) {
  const source = fs.readFileSync(file, 'utf8');
  const output = source.replace(alias, (_, lead, quote, lib) => {
    const target = path.join(dist, lib, 'src');
    if (!fs.existsSync(target)) throw new Error(`${file}: @lic/${lib} was not compiled`);
    let relative = path.relative(path.dirname(file), target).split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = `./${relative}`;
    rewritten++;
    return `${lead}${quote}${relative}${quote}`;
  });
  if (output !== source) fs.writeFileSync(file, output);
}
console.log(`resolve-aliases: ${rewritten} import(s) rewritten`);
