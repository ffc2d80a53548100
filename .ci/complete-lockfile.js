#!/usr/bin/env node
// The npm registry mirror this project is built against does not serve some other platforms'
// optional binaries (e.g. @swc/core-darwin-arm64 answers 404), so `npm install` leaves them
// out of package-lock.json — and `npm ci` then rejects the lock file as out of sync. This adds
// an entry for each missing optional dependency, marked optional with the os and cpu its name
// says, so `npm ci` on Linux skips it as it would any foreign-platform binary.
// Run it after any `npm install`:  node .ci/complete-lockfile.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix'];
const CPU = [
  ['arm64', 'arm64'],
  ['x64', 'x64'],
  ['ia32', 'ia32'],
  ['ppc64', 'ppc64'],
  ['s390x', 's390x'],
  ['riscv64', 'riscv64'],
  ['loong64', 'loong64'],
  ['arm-', 'arm'],
  ['arm', 'arm'],
  ['wasm32', 'wasm32'],
];
const platformOf = (name) => {
  const base = name.split('/').pop();
  const os = OS.find((o) => base.includes(`-${o}-`) || base.endsWith(`-${o}`));
  const cpu = CPU.find(([needle]) => base.includes(`-${needle}`));
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu[1]] : undefined };
};

let added = 0;
for (const [where, meta] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${where}/node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[nested] || packages[hoisted]) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue; // only exact pins: we cannot resolve a range
    const { os, cpu } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform binary: leave it to npm
    packages[hoisted] = {
      version: spec,
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os } : {}),
      ...(cpu ? { cpu } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entr${added === 1 ? 'y' : 'ies'}`);
