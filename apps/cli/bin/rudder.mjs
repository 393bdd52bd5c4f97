#!/usr/bin/env node
// The `rudder` command (`npx rudder` from the repo root): a committed shim so npm can link
// it at install time, before the TypeScript is built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('rudder: not built yet; run `npm run build` (or `npm start`, which builds) from the repository root');
  process.exit(1);
}
await import(main);
