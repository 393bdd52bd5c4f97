// Field paths of an object as server-side apply tracks them (structured-merge-diff
// fieldpath): leaves under spec and metadata.labels/annotations, encoded as FieldsV1
// (`{"f:spec":{"f:hosts":{}}}`) and printed as `.spec.hosts`. Lists are atomic leaves.
// https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management

export type Path = string[];

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The owned leaves of an object: the server's own metadata, apiVersion, kind and status are no one's. */
export function leafPaths(object: unknown): Path[] {
  if (!isMap(object)) return [];
  const paths: Path[] = [];
  const walk = (value: unknown, path: Path) => {
    if (isMap(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    } else {
      paths.push(path);
    }
  };
  const meta = isMap(object.metadata) ? object.metadata : {};
  for (const field of ['labels', 'annotations']) if (isMap(meta[field])) walk(meta[field], ['metadata', field]);
  for (const [k, v] of Object.entries(object)) {
    if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) walk(v, [k]);
  }
  return paths;
}

export function valueAt(object: unknown, path: Path): unknown {
  let value = object;
  for (const part of path) {
    if (!isMap(value)) return undefined;
    value = value[part];
  }
  return value;
}

export function fieldsV1Of(paths: readonly Path[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    let node = root;
    for (const part of path) {
      const k = `f:${part}`;
      node[k] = isMap(node[k]) ? node[k] : {};
      node = node[k] as Record<string, unknown>;
    }
  }
  return root;
}

/** Leaves of a FieldsV1 set; a list's element keys (`k:`, `v:`, `i:`) fold into the list. */
export function pathsOfFieldsV1(fields: unknown): Path[] {
  const paths: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    const children = isMap(node) ? Object.keys(node).filter((k) => k.startsWith('f:')) : [];
    const elements = isMap(node) && Object.keys(node).some((k) => /^[kvi]:/.test(k));
    if (children.length === 0 || elements) {
      if (path.length > 0) paths.push(path);
      return;
    }
    for (const k of children) walk((node as Record<string, unknown>)[k], [...path, k.slice(2)]);
  };
  walk(fields, []);
  return paths;
}

/** `.spec.http`, `.metadata.labels.app`, as fieldpath.Path prints. */
export const pathString = (path: Path) => path.map((p) => `.${p}`).join('');
