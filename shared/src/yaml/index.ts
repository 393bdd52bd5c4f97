// Multi-document YAML, read the way kubectl reads a file before it sends JSON
// (sigs.k8s.io/yaml on go-yaml: YAML 1.1 scalars, so `yes`/`on` are booleans;
// duplicate keys collapse to the last value), and printed back for editors and history.
import { parseAllDocuments, stringify, type YAMLParseError } from 'yaml';

export interface YamlProblem {
  /** 0-based index of the document in the stream. */
  document: number;
  line: number;
  column: number;
  message: string;
}

export class YamlError extends Error {
  constructor(readonly problems: YamlProblem[]) {
    super(problems.map((p) => `line ${p.line}, column ${p.column}: ${p.message}`).join('; '));
    this.name = 'YamlError';
  }
}

/** Every non-empty document of a stream, as plain JSON values; throws YamlError with line and column. */
export function parseYamlDocuments(text: string): unknown[] {
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems: YamlProblem[] = [];
  const values: unknown[] = [];
  list.forEach((doc, index) => {
    for (const error of doc.errors) problems.push(toProblem(index, error));
    if (doc.errors.length > 0) return;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) values.push(value);
  });
  if (problems.length > 0) throw new YamlError(problems);
  return values;
}

/** One document; an error when the text holds none or several. */
export function parseYamlDocument(text: string): unknown {
  const values = parseYamlDocuments(text);
  if (values.length !== 1) {
    throw new YamlError([{ document: 0, line: 1, column: 1, message: `expected one document, found ${values.length}` }]);
  }
  return values[0];
}

function toProblem(document: number, error: YAMLParseError): YamlProblem {
  const pos = error.linePos?.[0];
  const message = error.message.split('\n')[0] ?? error.message;
  return { document, line: pos?.line ?? 1, column: pos?.col ?? 1, message: message.replace(/ at line \d+, column \d+:?\s*$/, '') };
}

/** YAML as kubectl prints it: block style, no line folding, documents separated by `---`. */
export function printYaml(values: unknown | unknown[]): string {
  const docs = Array.isArray(values) ? values : [values];
  return docs.map((doc) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
export * from './positions.js';
