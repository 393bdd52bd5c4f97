// The editor's markers, pure: YAML syntax errors, then the structural checks of the shared
// schema (the same Ajv schema the server admits with), then whatever the server says about
// a dry run, each put on the line of its field path. Istio's semantic rules are only ever
// the server's: the browser has no copy of them.
import { type KindDefinition, validateStructure } from '@rudder/shared/kinds';
import { parseYamlDocument, rangeOfField, YamlError } from '@rudder/shared/yaml';
import type { ServerFinding } from './resource-api.js';

export interface Marker {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  /** Starts with the field path when there is one, so the message names the field. */
  message: string;
  source: 'yaml' | 'schema' | 'server';
}

export interface Checked {
  /** The document as a JSON value, when it parses. */
  value?: unknown;
  markers: Marker[];
}

/** A marker spans the first line of its field (a whole block would underline half the file). */
function place(text: string, field: string): { from: number; to: number } {
  const range = field ? rangeOfField(text, field) : undefined;
  if (!range) {
    const end = text.indexOf('\n');
    return { from: 0, to: end < 0 ? text.length : end };
  }
  const lineEnd = text.indexOf('\n', range.from);
  return { from: range.from, to: Math.min(range.to, lineEnd < 0 ? text.length : lineEnd) };
}

/** Server or schema findings as markers: `field: message` on the field's line (line 1 without a field). */
export function findingMarkers(text: string, findings: readonly ServerFinding[], source: Marker['source']): Marker[] {
  return findings.map((f) => ({ ...place(text, f.field), severity: f.severity, message: f.field ? `${f.field}: ${f.message}` : f.message, source }));
}

/** Syntax, then structure; stops after syntax errors, since a broken document has no structure to check. */
export function checkLocally(def: KindDefinition, text: string): Checked {
  let value: unknown;
  try {
    value = parseYamlDocument(text);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    return { markers: error.problems.map((p) => syntaxMarker(text, p.line, p.column, p.message)) };
  }
  const { problems } = validateStructure(def, value, 'Strict');
  const findings = problems.map((p): ServerFinding => ({ field: p.field, message: p.message, severity: 'error' }));
  return { value, markers: findingMarkers(text, findings, 'schema') };
}

function syntaxMarker(text: string, line: number, column: number, message: string): Marker {
  const lines = text.split('\n');
  const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
  const from = Math.min(text.length, start + Math.max(0, column - 1));
  const lineEnd = text.indexOf('\n', from);
  return { from, to: Math.max(from, lineEnd < 0 ? text.length : lineEnd), severity: 'error', message, source: 'yaml' };
}

/** The server's dry-run answer as markers: its refusal's causes, or the message alone, and its warnings. */
export function serverMarkers(text: string, answer: { causes?: readonly ServerFinding[]; message?: string; warnings?: readonly ServerFinding[] }): Marker[] {
  const errors: ServerFinding[] = answer.causes?.length ? [...answer.causes] : answer.message ? [{ field: '', message: answer.message, severity: 'error' }] : [];
  return findingMarkers(text, [...errors, ...(answer.warnings ?? [])], 'server');
}

/** The line (1-based) a marker starts on, for lists beside the editor. */
export const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
