// Ajv standalone code for every kind's resource schema: the validators validateStructure
// compiles at run time, as an ES module the dashboard's build embeds (its CSP forbids the
// eval that compiling needs; installPrecompiledValidators takes them). Descriptions are left out:
// they change no check and would only make the code larger.
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { KINDS } from './index.js';
import { AJV_OPTIONS, resourceSchema } from './structural.js';

/** `export const <Kind> = …` for each kind, and a default export mapping kind → validator. */
export function standaloneValidators(): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  for (const def of KINDS) {
    ajv.addSchema(JSON.parse(JSON.stringify(resourceSchema(def), (key, value) => (key === 'description' ? undefined : value))), def.kind);
  }
  const generate = standaloneCode as unknown as (ajv: Ajv, refs: Record<string, string>) => string;
  let code = generate(ajv, Object.fromEntries(KINDS.map((k) => [k.kind, k.kind])));
  // The one runtime helper Ajv requires (string length in code points), inlined for ESM.
  code = code.replaceAll('require("ajv/dist/runtime/ucs2length").default', '((s) => [...s].length)');
  if (code.includes('require(')) throw new Error('standalone validators still require a runtime module');
  return `${code}\nexport default { ${KINDS.map((k) => k.kind).join(', ')} };\n`;
}
