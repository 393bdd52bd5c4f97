// Header names and values (validation.go ValidateHTTPHeaderNameOrJwtClaimRoute,
// ValidateCORSHTTPHeaderName, ValidateHTTPHeader*OperationName, ValidateHTTPHeaderValue
// and header_value_validator.go, a port of Envoy's header_parser.cc).
import type { Headers } from '../kinds/index.js';
import { at, child, type Report } from './report.js';

// RFC 7230 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);
const JWT_CLAIM_PREFIX = '@request.auth.claims';

/** jwt.ToRoutingClaim(name).Match: `@request.auth.claims.a.b` or `@request.auth.claims[a][b]`. */
export function isJwtClaimRoute(name: string): boolean {
  if (!name.toLowerCase().startsWith(JWT_CLAIM_PREFIX)) return false;
  const rest = name.slice(JWT_CLAIM_PREFIX.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

/** ValidateHTTPHeaderNameOrJwtClaimRoute: a token, a pseudo-header, or a JWT claim route. */
export function validateMatchHeaderName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (isJwtClaimRoute(name) || PSEUDO_HEADERS.has(name)) return undefined;
  return TOKEN.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

/** ValidateCORSHTTPHeaderName: a token or `*`. */
export function validateCorsHeaderName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name === '*') return undefined;
  return TOKEN.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

const isInternalHeader = (name: string) => name.startsWith(':') || name.toLowerCase() === 'host';
export const isAuthorityHeader = (name: string): boolean => name.toLowerCase() === ':authority' || name.toLowerCase() === 'host';

/** ValidateHTTPHeaderWithAuthorityOperationName: request set/add may name `:authority`/`host`, no other internal header. */
function validateSetName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  return isInternalHeader(name) && !isAuthorityHeader(name) ? `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix` : undefined;
}

/** ValidateHTTPHeaderOperationName: request remove and every response operation may not touch Host or `:` headers. */
function validateOperationName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name.toLowerCase() === 'host') return `invalid header ${JSON.stringify(name)}: cannot set Host header`;
  return isInternalHeader(name) ? `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix` : undefined;
}

/** protoc-gen-validate's header value rule: no control characters but tab. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** ValidateHTTPHeaderValue: no control characters; `%` only as `%%` or a complete `%VAR%` / `%VAR(args)%`. */
export function validateHeaderValue(value: string): string | undefined {
  if (hasControlCharacter(value)) return 'header value configuration is invalid: control characters are not allowed';
  const error = parseEnvoyFormat(value);
  return error === undefined ? undefined : `header value configuration: ${error}`;
}

type State = 'literal' | 'name' | 'array' | 'string' | 'inString' | 'delimiter' | 'argsEnd' | 'varEnd';

/** validateHeaderValue (header_value_validator.go): Envoy's %VAR% grammar as a state machine. */
function parseEnvoyFormat(value: string): string | undefined {
  let state: State = 'literal';
  for (let pos = 0; pos < value.length; pos++) {
    const ch = value[pos];
    const hasNext = pos + 1 < value.length;
    switch (state) {
      case 'literal':
        if (ch !== '%') break;
        if (!hasNext) return 'invalid header configuration. Un-escaped %';
        if (value[pos + 1] === '%') pos++;
        else state = 'name';
        break;
      case 'name':
        if (ch === '%') state = 'literal';
        else if (ch === '(') state = 'array';
        break;
      case 'array':
        if (ch === '[') state = 'string';
        else if (ch !== ' ') state = 'inString';
        break;
      case 'delimiter':
        if (ch === ',') state = 'string';
        else if (ch === ']') state = 'argsEnd';
        else if (ch !== ' ') return "invalid header configuration. Expecting ',', ']', or whitespace";
        break;
      case 'string':
        if (ch === '"') state = 'inString';
        else if (ch !== ' ') return 'invalid header configuration. Expecting \'"\'';
        break;
      case 'inString':
        if (ch === '\\') {
          if (!hasNext) return 'invalid header configuration. Un-terminated backslash in JSON string';
          pos++;
        } else if (ch === ')') state = 'varEnd';
        else if (ch === '"') state = 'delimiter';
        break;
      case 'argsEnd':
        if (ch === ')') state = 'varEnd';
        else if (ch !== ' ') return "invalid header configuration. Expecting ')' or whitespace";
        break;
      case 'varEnd':
        if (ch === '%') state = 'literal';
        else if (ch !== ' ') return "invalid header configuration. Expecting '%' or whitespace";
        break;
    }
  }
  return state === 'literal' ? undefined : `invalid header configuration. Un-terminated variable expression '${value}'`;
}

/** The header operations of a route or route destination (validateHTTPRoute / validateHTTPRouteDestinations). */
export function checkHeaderOperations(report: Report, field: string, headers: Headers | undefined): void {
  const request = headers?.request;
  const response = headers?.response;
  const req = child(field, 'request');
  const res = child(field, 'response');
  for (const op of ['add', 'set'] as const) {
    for (const [name, value] of Object.entries(request?.[op] ?? {})) {
      report.check(child(req, op), name, validateSetName(name));
      report.check(at(child(req, op), name), value, validateHeaderValue(value));
    }
    for (const [name, value] of Object.entries(response?.[op] ?? {})) {
      report.check(child(res, op), name, validateOperationName(name));
      report.check(at(child(res, op), name), value, validateHeaderValue(value));
    }
  }
  request?.remove?.forEach((name, i) => {
    report.check(at(child(req, 'remove'), i), name, validateOperationName(name));
  });
  response?.remove?.forEach((name, i) => {
    report.check(at(child(res, 'remove'), i), name, validateOperationName(name));
  });
}
