// Schema-aware completion, pure: the YAML path under the cursor, the schema at that path
// (the kind's TypeBox schema, the one the OpenAPI document is made from), and its field
// names or enum values. The CodeMirror source in editor-setup.ts only wraps these.
import { type KindDefinition, resourceSchema } from '@rudder/shared/kinds';
import { keysAtPath, type PathSegment, pathAtOffset } from '@rudder/shared/yaml';

type Schema = Record<string, unknown>;

export interface Suggestion {
  label: string;
  /** What is inserted: `name: ` for a field, the value itself for a value. */
  apply: string;
  type: 'property' | 'enum' | 'keyword';
  detail?: string;
  info?: string;
}

export interface CursorContext {
  mode: 'key' | 'value';
  /** The path of the map being filled (key mode) or of the field being given a value. */
  path: PathSegment[];
  /** Offset where the word being typed starts: what a suggestion replaces. */
  from: number;
  /** Keys already present in that map (not suggested again). */
  present: string[];
}

const MARK = 'rudder0cursor';

/** Alternatives of a union; an optional field is the same schema with a modifier symbol. */
const alternatives = (s: Schema | undefined): Schema[] => (!s ? [] : Array.isArray(s.anyOf) ? (s.anyOf as Schema[]).flatMap(alternatives) : [s]);

/** The schemas at a path: object properties, map values, list items, through unions. */
export function schemasAt(root: Schema, path: readonly PathSegment[]): Schema[] {
  let current = alternatives(root);
  for (const segment of path) {
    current = current.flatMap((s): Schema[] => {
      if (s.type === 'array') return typeof segment === 'number' ? alternatives(s.items as Schema) : [];
      if (s.type !== 'object' || typeof segment === 'number') return [];
      const props = s.properties as Record<string, Schema> | undefined;
      if (props?.[segment]) return alternatives(props[segment]);
      const patterns = s.patternProperties as Record<string, Schema> | undefined;
      if (patterns) return Object.values(patterns).flatMap(alternatives);
      return typeof s.additionalProperties === 'object' ? alternatives(s.additionalProperties as Schema) : [];
    });
  }
  return current;
}

const typeName = (s: Schema): string => {
  const alts = alternatives(s);
  if (alts.some((a) => Array.isArray(a.enum))) return 'enum';
  return alts.map((a) => (a.type === 'array' ? 'list' : a.type === 'object' ? (a.properties ? 'object' : 'map') : String(a.type ?? 'any'))).join(' | ');
};

export function keySuggestions(def: KindDefinition, ctx: Pick<CursorContext, 'path' | 'present'>): Suggestion[] {
  const out = new Map<string, Suggestion>();
  for (const s of schemasAt(resourceSchema(def) as Schema, ctx.path)) {
    for (const [key, field] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
      if (ctx.present.includes(key) || out.has(key)) continue;
      const kind = typeName(field);
      const info = typeof field.description === 'string' ? field.description : undefined;
      out.set(key, { label: key, apply: `${key}: `, type: 'property', detail: kind, ...(info ? { info } : {}) });
    }
  }
  return [...out.values()];
}

export function valueSuggestions(def: KindDefinition, path: readonly PathSegment[]): Suggestion[] {
  const values = new Set<string>();
  let isBool = false;
  for (const s of schemasAt(resourceSchema(def) as Schema, path)) {
    if (Array.isArray(s.enum)) for (const v of s.enum) values.add(String(v));
    if (s.const !== undefined) values.add(String(s.const));
    if (s.type === 'boolean') isBool = true;
  }
  if (path.length === 1 && path[0] === 'kind') values.add(def.kind);
  if (path.length === 1 && path[0] === 'apiVersion') for (const v of def.versions) values.add(`${def.group}/${v}`);
  const enums = [...values].map((v): Suggestion => ({ label: v, apply: v, type: 'enum' }));
  return isBool ? [...enums, ...['true', 'false'].map((v): Suggestion => ({ label: v, apply: v, type: 'keyword' }))] : enums;
}

/**
 * Where the cursor is: typing a key (`  - rou|`) or a value (`  mode: SIM|`). The line is
 * rewritten with a marker and the text parsed, so the path comes from the YAML parser
 * (indentless lists and all) rather than from counting spaces.
 */
export function cursorContext(text: string, pos: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const lineEndAt = text.indexOf('\n', pos);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const before = text.slice(lineStart, pos);
  if (/#/.test(before)) return undefined;
  const key = /^(\s*(?:-\s+)*)([A-Za-z_][\w.-]*)?$/.exec(before);
  const value = /^(\s*(?:-\s+)*)([A-Za-z_][\w.-]*):\s+([\w./-]*)$/.exec(before);
  const match = key ?? value;
  if (!match) return undefined;
  const lead = match[1] ?? '';
  const line = key ? `${lead}${MARK}: x` : `${lead}${match[2]}: ${MARK}`;
  const probe = text.slice(0, lineStart) + line + text.slice(lineEnd);
  const path = pathAtOffset(probe, lineStart + line.indexOf(MARK));
  if (key) {
    if (path.at(-1) !== MARK) return undefined;
    const parent = path.slice(0, -1);
    return { mode: 'key', path: parent, from: lineStart + lead.length, present: keysAtPath(probe, parent).filter((k) => k !== MARK) };
  }
  return { mode: 'value', path, from: pos - (match[3] ?? '').length, present: [] };
}

export function suggestionsAt(def: KindDefinition, text: string, pos: number): { from: number; options: Suggestion[] } | undefined {
  const ctx = cursorContext(text, pos);
  if (!ctx) return undefined;
  const options = ctx.mode === 'key' ? keySuggestions(def, ctx) : valueSuggestions(def, ctx.path);
  return options.length ? { from: ctx.from, options } : undefined;
}
