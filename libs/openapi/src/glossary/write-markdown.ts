import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { glossaryMarkdown } from './render';

/** npm run docs:glossary — regenerates docs/GLOSSARY.md from the entries. */
const file = resolve(__dirname, '../../../../docs/GLOSSARY.md');
writeFileSync(file, glossaryMarkdown());
process.stdout.write(`wrote ${file}\n`);
