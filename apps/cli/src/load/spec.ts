// The request every call sends, built once from the flags (fortio/fortio fhttp/http_client.go
// GenerateHeaders, AddAndValidateExtraHeader, Method): -H, -payload, -content-type, -X.
import type { RequestSpec } from './client.js';
import type { LoadOptions } from './options.js';
import { VERSION } from './report.js';

export const USER_AGENT = `rudder-load/${VERSION}`;

type Headers = Record<string, string | string[]>;

function add(headers: Headers, key: string, value: string): void {
  const found = Object.keys(headers).find((k) => k.toLowerCase() === key.toLowerCase());
  if (found === undefined) headers[key] = value;
  else {
    const prev = headers[found]!;
    headers[found] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
}

function get(headers: Headers, key: string): string | string[] | undefined {
  const found = Object.keys(headers).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : headers[found];
}

export function buildSpec(o: LoadOptions): RequestSpec {
  const headers: Headers = { 'User-Agent': USER_AGENT };
  let contentType = o.contentType;
  for (const [key, value] of o.headers) {
    switch (key.toLowerCase()) {
      case 'host':
        headers.Host = value.trim();
        break;
      case 'user-agent':
        // an empty value removes the header, as fortio's -H "User-Agent:"
        if (value.trim() === '') delete headers['User-Agent'];
        else headers['User-Agent'] = value.trim();
        break;
      case 'content-type':
        contentType = value.trim();
        break;
      default:
        add(headers, key, value.trim());
    }
  }
  const payload = o.payload === '' ? undefined : Buffer.from(o.payload, 'utf8');
  if (payload !== undefined && contentType === '') contentType = 'application/octet-stream';
  if (contentType !== '') headers['Content-Type'] = contentType;
  if ((payload !== undefined || contentType !== '') && get(headers, 'content-length') === undefined) {
    headers['Content-Length'] = String(payload?.length ?? 0);
  }
  const method = o.method !== '' ? o.method : payload !== undefined || contentType !== '' ? 'POST' : 'GET';
  return {
    url: new URL(o.url),
    method,
    headers,
    payload,
    timeoutMs: o.timeoutNs / 1e6,
    insecure: o.insecure,
  };
}
