// Writes to the Kubernetes-style resource API as the editor needs them: the Status causes
// (field paths) and the `Warning` headers kept, not flattened into one message, so each can
// become a marker on its line. Reads go through api/client.ts like every page.
import type { KindDefinition, Resource } from '@rudder/shared/kinds';
import { printYaml } from '@rudder/shared/yaml';
import { ApiError } from '../api/client.js';

/** One problem or warning the server names, with its field path ('' when it names none). */
export interface ServerFinding {
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

/** An API refusal with its Status reason and causes (422 Invalid, 409 Conflict, …). */
export class WriteError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly reason: string,
    readonly causes: ServerFinding[],
  ) {
    super(status, message);
  }
}

export interface Written {
  object: Resource;
  warnings: ServerFinding[];
}

export const collectionPath = (def: KindDefinition, namespace: string) => `/apis/${def.group}/${def.versions[0]}/namespaces/${encodeURIComponent(namespace)}/${def.plural}`;
export const objectPath = (def: KindDefinition, namespace: string, name: string) => `${collectionPath(def, namespace)}/${encodeURIComponent(name)}`;

/**
 * `Warning: 299 - "text"` values (RFC 7234 §5.5); fetch joins repeated headers with ", ",
 * so each quoted text is read on its own rather than split on commas.
 */
export function parseWarningHeader(header: string | null): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const m of header.matchAll(/\d{3} \S+ ("(?:[^"\\]|\\.)*")/g)) {
    try {
      out.push(JSON.parse(m[1] as string) as string);
    } catch {
      out.push((m[1] as string).slice(1, -1));
    }
  }
  return out;
}

/** `spec.http[0].route: text (KIA1106)` → field and message, as the server writes its warnings. */
export function splitWarning(text: string): ServerFinding {
  const m = /^((?:spec|metadata)\S*): (.*)$/s.exec(text);
  return m ? { field: m[1] as string, message: m[2] as string, severity: 'warning' } : { field: '', message: text, severity: 'warning' };
}

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string }[] };
}

async function writeError(res: Response): Promise<WriteError> {
  let body: StatusBody = {};
  try {
    body = (await res.json()) as StatusBody;
  } catch {
    // not a Status: the status line says it
  }
  const causes = (body.details?.causes ?? []).map((c): ServerFinding => ({ field: c.field ?? '', message: c.message ?? '', severity: 'error' }));
  if (res.status === 401) window.dispatchEvent(new CustomEvent('rudder:signed-out'));
  return new WriteError(res.status, body.message ?? `${res.status} ${res.statusText}`, body.reason ?? '', causes);
}

/** POST (create) or PUT (replace) one object; `dryRun` validates with every server rule and stores nothing. */
export async function writeResource(method: 'POST' | 'PUT', path: string, body: unknown, options: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<Written> {
  const res = await fetch(options.dryRun ? `${path}?dryRun=All` : path, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!res.ok) throw await writeError(res);
  return { object: (await res.json()) as Resource, warnings: parseWarningHeader(res.headers.get('warning')).map(splitWarning) };
}

export async function deleteResource(path: string): Promise<void> {
  const res = await fetch(path, { method: 'DELETE', credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) throw await writeError(res);
}

/** What a person edits: identity, labels, annotations and spec; the server's bookkeeping stays out of the text. */
export function editableText(r: Resource): string {
  const { name, namespace, labels, annotations } = r.metadata;
  const metadata = { name, namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
  return printYaml({ apiVersion: r.apiVersion, kind: r.kind, metadata, ...(r.spec ? { spec: r.spec } : {}) });
}
