import { readFileSync } from 'node:fs';
import { DASHBOARD_JS } from './client/client-script';
import { LOGIN_SCRIPT } from './client/app-page';
import { DASHBOARD_CSS } from './client/styles';

interface Asset {
  readonly type: string;
  body(): string;
}

/** uPlot from node_modules, read once, when first asked for. */
const fromPackage = (path: string): (() => string) => {
  let text: string | undefined;
  return () => (text ??= readFileSync(require.resolve(path), 'utf8'));
};

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

export const DASHBOARD_ASSETS: Readonly<Record<string, Asset>> = {
  'dashboard.js': { type: JS, body: () => DASHBOARD_JS },
  'login.js': { type: JS, body: () => LOGIN_SCRIPT },
  'dashboard.css': { type: CSS, body: () => DASHBOARD_CSS },
  'uplot.js': { type: JS, body: fromPackage('uplot/dist/uPlot.iife.min.js') },
  'uplot.css': { type: CSS, body: fromPackage('uplot/dist/uPlot.min.css') },
};
