// Where the `rudder` CLI is, to spawn `rudder load` (DESIGN.md: one load engine, run off the
// server's event loop). The server never imports the CLI (apps talk over processes and HTTP);
// it runs the CLI package's file beside it in the repository: apps/cli/src/main.ts through
// tsx when the server itself runs from source (tests, `--conditions=source`), apps/cli/dist/main.js
// when it runs built (`npm start`). Both layouts put this file three levels below apps/.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CliCommand {
  /** Node's arguments before the CLI's own (loader, conditions, the entry file). */
  nodeArgs: string[];
}

export function locateCli(moduleUrl: string = import.meta.url): CliCommand {
  const here = fileURLToPath(moduleUrl);
  const cliDir = resolve(dirname(here), '../../../cli');
  const built = join(cliDir, 'dist/main.js');
  const source = join(cliDir, 'src/main.ts');
  const fromSource = here.endsWith('.ts');
  const sourceCommand = (): CliCommand | undefined => {
    if (!existsSync(source)) return undefined;
    try {
      const tsx = createRequire(here).resolve('tsx');
      return { nodeArgs: ['--conditions=source', '--import', pathToFileURL(tsx).href, source] };
    } catch {
      return undefined; // tsx is a dev dependency: absent from a production install
    }
  };
  const builtCommand = (): CliCommand | undefined => (existsSync(built) ? { nodeArgs: [built] } : undefined);
  // Prefer the CLI in the same form as the server, so a test never runs a stale build.
  const found = fromSource ? (sourceCommand() ?? builtCommand()) : (builtCommand() ?? sourceCommand());
  if (!found) throw new Error(`the rudder CLI was not found at ${cliDir} (run \`npm run build\`)`);
  return found;
}
