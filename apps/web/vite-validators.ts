// A Vite plugin serving `virtual:rudder-validators`: the kinds' Ajv validators as standalone
// code generated from the shared schema at build time (shared/src/kinds/standalone.ts). The
// dashboard's Content-Security-Policy forbids eval, so Ajv cannot compile in the browser.
// biome-ignore lint/style/noRestrictedImports: build-time Node code (a Vite plugin), never in the bundle
import { execFileSync } from 'node:child_process';
// biome-ignore lint/style/noRestrictedImports: as above
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const ID = 'virtual:rudder-validators';
const ROOT = resolve(import.meta.dirname, '../..');

export function precompiledValidators(): Plugin {
  return {
    name: 'rudder-validators',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return undefined;
      // The schema is TypeScript in the workspace: generate in a child Node with tsx, as the server runs.
      const script = "import('./shared/src/kinds/standalone.ts').then((m) => process.stdout.write(m.standaloneValidators()))";
      return execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, maxBuffer: 64 << 20 }).toString();
    },
  };
}
