// HTTP route rules, case for case from istio/istio pkg/config/validation validation_test.go
// (TestValidateHTTPRoute, TestValidateHTTPRetry, TestValidateHTTPFaultInjection*, TestValidateCORSPolicy,
// TestValidateHTTPRewrite, TestValidateHTTPRedirect, TestValidateHTTPDirectResponse, TestValidateHTTPHeaderValue)
// and virtualservice_test.go: accept or refuse, and the field path of every problem.
import { describe, expect, it } from 'vitest';
import { validateIstio } from './index.js';

type Spec = Record<string, unknown>;

function check(spec: Spec, namespace = 'default') {
  return validateIstio({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace }, spec });
}
/** The distinct field paths of the problems, sorted. */
const fields = (spec: Spec) => [...new Set(check(spec).problems.map((p) => p.field))].sort();
const warnings = (spec: Spec) => check(spec).warnings;

const dest = (host = 'foo.baz', extra: Spec = {}) => ({ destination: { host, ...extra } });
/** A VirtualService with one HTTP route: `http` replaces the default route fields. */
const http = (route: Spec, top: Spec = {}) => ({ hosts: ['foo.bar'], http: [{ route: [dest()], ...route }], ...top });
/** The same without the default destination (for redirects, direct responses, delegates). */
const bare = (route: Spec, top: Spec = {}) => ({ hosts: ['foo.bar'], http: [route], ...top });
const H = 'spec.http[0]';

describe('Header operations and values (TestValidateHTTPRoute headers, TestValidateHTTPHeaderValue)', () => {
  const ops = (headers: Spec) => bare({ route: [{ ...dest(), headers }] });
  const D = `${H}.route[0].headers`;
  it.each<[string, Spec, string[]]>([
    ['valid headers', { request: { add: { name: '' }, set: { name: '' }, remove: ['name'] }, response: { add: { name: '' }, set: { name: '' }, remove: ['name'] } }, []],
    ['empty name - request add', { request: { add: { '': 'value' } } }, [`${D}.request.add`]],
    ['empty name - request set', { request: { set: { '': 'value' } } }, [`${D}.request.set`]],
    ['empty name - request remove', { request: { remove: [''] } }, [`${D}.request.remove[0]`]],
    ['empty name - response add', { response: { add: { '': 'value' } } }, [`${D}.response.add`]],
    ['empty name - response set', { response: { set: { '': 'value' } } }, [`${D}.response.set`]],
    ['empty name - response remove', { response: { remove: [''] } }, [`${D}.response.remove[0]`]],
    ['envoy escaped % set', { response: { set: { 'i-love-istio': '100%%' } } }, []],
    ['envoy variable set', { response: { set: { name: '%HOSTNAME%' } } }, []],
    ['envoy unescaped % set', { response: { set: { name: 'abcd%oijasodifj' } } }, [`${D}.response.set[name]`]],
    ['envoy escaped % add', { response: { add: { 'i-love-istio': '100%% and more' } } }, []],
    ['envoy variable add', { response: { add: { name: 'hello %HOSTNAME%' } } }, []],
    ['envoy unescaped % add', { response: { add: { name: 'abcd%oijasodifj' } } }, [`${D}.response.add[name]`]],
    ['variable with arguments', { request: { set: { 'x-env': '%ENVIRONMENT(HOME)%' } } }, []],
    ['variable with JSON arguments', { request: { set: { 'x-meta': '%UPSTREAM_METADATA(["a", "b"])%' } } }, []],
    ['lone trailing %', { request: { set: { 'x-v': '50%' } } }, [`${D}.request.set[x-v]`]],
    ['unterminated variable', { request: { set: { 'x-v': '%START_TIME%%' } } }, [`${D}.request.set[x-v]`]],
    ['control character', { request: { set: { 'x-v': 'a\nb' } } }, [`${D}.request.set[x-v]`]],
    ['tab is allowed', { request: { set: { 'x-v': 'a\tb' } } }, []],
    ['request set :path', { request: { set: { ':path': '/x' } } }, [`${D}.request.set`]],
    ['request set :authority', { request: { set: { ':authority': 'x' } } }, []],
    ['request remove host', { request: { remove: ['Host'] } }, [`${D}.request.remove[0]`]],
    ['response set host', { response: { set: { host: 'x' } } }, [`${D}.response.set`]],
    ['response remove :status', { response: { remove: [':status'] } }, [`${D}.response.remove[0]`]],
  ])('%s', (_name, headers, expected) => {
    expect(fields(ops(headers))).toEqual(expected);
  });
});

describe('Matches and StringMatch (TestValidateHTTPRoute, TestValidateRootHTTPRoute, TestValidateHTTPHeaderName)', () => {
  const m = (match: Spec) => http({ match: [match] });
  const M = `${H}.match[0]`;
  it.each<[string, Spec, string[]]>([
    ['empty prefix header match', { headers: { emptyprefix: { prefix: '' } } }, [`${M}.headers[emptyprefix].prefix`]],
    ['prefix header match', { headers: { header: { prefix: 'test' } } }, []],
    ['exact header match', { headers: { header: { exact: 'test' } } }, []],
    ['regex header match', { headers: { header: { regex: 'test' } } }, []],
    ['presence header match', { headers: { 'x-user': {} } }, []],
    ['header name with funky chars', { headers: { 'funky!$#_': { exact: 'x' } } }, []],
    ['pseudo header name', { headers: { ':authority': { exact: 'x' } } }, []],
    ['bad pseudo header', { headers: { '::': { exact: 'x' } } }, [`${M}.headers`]],
    ['illegal quote in header name', { headers: { 'illegal"char': { exact: 'x' } } }, [`${M}.headers`]],
    ['empty header name', { headers: { '': { exact: 'x' } } }, [`${M}.headers`]],
    ['exact without headers match', { withoutHeaders: { header: { exact: 'test' } } }, []],
    ['regex without headers match', { withoutHeaders: { header: { regex: 'test' } } }, []],
    ['regex without headers match ?', { withoutHeaders: { header: { regex: '?' } } }, [`${M}.withoutHeaders[header].regex`]],
    ['regex without headers match *', { withoutHeaders: { header: { regex: '*' } } }, []],
    ['regex header match *', { headers: { header: { regex: '*' } } }, [`${M}.headers[header].regex`]],
    ['regex uri match', { uri: { regex: 'test' } }, []],
    ['prefix uri match', { uri: { prefix: 'test' } }, []],
    ['exact uri match', { uri: { exact: 'test' } }, []],
    ['prefix queryParams match', { queryParams: { q: { prefix: 'test' } } }, []],
    ['exact queryParams match', { queryParams: { q: { exact: 'test' } } }, []],
    ['regex queryParams match', { queryParams: { q: { regex: '\\d+$' } } }, []],
    ['empty prefix match in method', { method: { prefix: '' } }, [`${M}.method.prefix`]],
    ['empty regex match in method', { method: { regex: '' } }, [`${M}.method.regex`]],
    ['empty prefix match in uri', { uri: { prefix: '' } }, []],
    ['empty regex match in uri', { uri: { regex: '' } }, [`${M}.uri.regex`]],
    ['empty regex match in query', { queryParams: { q: { regex: '' } } }, [`${M}.queryParams[q].regex`]],
    ['empty regex match in scheme', { scheme: { regex: '' } }, [`${M}.scheme.regex`]],
    ['empty prefix match in scheme', { scheme: { prefix: '' } }, [`${M}.scheme.prefix`]],
    ['empty prefix in authority', { authority: { prefix: '' } }, [`${M}.authority.prefix`]],
    ['two match types', { uri: { exact: '/a', prefix: '/a' } }, [`${M}.uri.prefix`]],
    ['three match types', { headers: { h: { exact: 'a', prefix: 'a', regex: 'a' } } }, [`${M}.headers[h].prefix`, `${M}.headers[h].regex`]],
    ['port', { port: 8080 }, []],
    ['port out of range', { port: 70000 }, [`${M}.port`]],
    ['source labels', { sourceLabels: { app: 'productpage', 'version/x': 'v1' } }, []],
    ['bad source label key', { sourceLabels: { '-app': 'x' } }, [`${M}.sourceLabels`]],
    ['bad source label value', { sourceLabels: { app: 'x y' } }, [`${M}.sourceLabels[app]`]],
    ['source namespace', { sourceNamespace: 'bookinfo' }, []],
    ['bad source namespace', { sourceNamespace: 'book.info' }, [`${M}.sourceNamespace`]],
    ['match gateways', { gateways: ['istio-system/ingress', 'mesh'] }, []],
    ['bad match gateway', { gateways: ['a/b/c'] }, [`${M}.gateways[0]`]],
  ])('%s', (_name, match, expected) => {
    expect(fields(m(match))).toEqual(expected);
  });
});

describe('Regexes compile under RE2 and are bounded', () => {
  const M = `${H}.match[0]`;
  it('refuses a backreference with its path', () => {
    const result = check(http({ match: [{ uri: { regex: '(a)\\1' } }] }));
    expect(result.problems.map((p) => p.field)).toEqual([`${M}.uri.regex`]);
    expect(result.problems[0]?.message).toContain('RE2');
  });
  it('refuses a lookahead with its path', () => {
    expect(fields(http({ match: [{ headers: { 'x-a': { regex: 'foo(?=bar)' } } }] }))).toEqual([`${M}.headers[x-a].regex`]);
  });
  it('refuses a lookbehind in a CORS origin and in uriRegexRewrite', () => {
    expect(fields(http({ corsPolicy: { allowOrigins: [{ regex: '(?<=a)b' }] }, rewrite: { uriRegexRewrite: { match: '(?!x)', rewrite: '/' } } }))).toEqual([
      `${H}.corsPolicy.allowOrigins[0].regex`,
      `${H}.rewrite.uriRegexRewrite.match`,
    ]);
  });
  it('accepts (a+)+$ (RE2 has no catastrophic backtracking)', () => {
    expect(fields(http({ match: [{ uri: { regex: '(a+)+$' } }] }))).toEqual([]);
  });
  it('refuses a regex over 1024 bytes', () => {
    expect(fields(http({ match: [{ uri: { regex: 'a'.repeat(1025) } }] }))).toEqual([`${M}.uri.regex`]);
    expect(fields(http({ match: [{ uri: { regex: 'a'.repeat(1024) } }] }))).toEqual([]);
    expect(fields(http({ match: [{ uri: { regex: 'é'.repeat(513) } }] }))).toEqual([`${M}.uri.regex`]);
  });
});

describe('Retries (TestValidateHTTPRetry)', () => {
  const r = (retries: Spec) => http({ retries });
  const R = `${H}.retries`;
  it.each<[string, Spec, string[]]>([
    ['valid', { attempts: 10, perTryTimeout: '2s', retryOn: '5xx,gateway-error' }, []],
    ['disable retries', { attempts: 0 }, []],
    ['retry policy configured but attempts set to zero', { attempts: 0, perTryTimeout: '2s', retryOn: '5xx,gateway-error' }, [`${R}.perTryTimeout`, `${R}.retryOn`]],
    ['attempts absent counts as zero', { perTryTimeout: '2s' }, [`${R}.perTryTimeout`]],
    ['valid default', { attempts: 10 }, []],
    ['valid http status retryOn', { attempts: 10, perTryTimeout: '2s', retryOn: '503,connect-failure' }, []],
    ['invalid attempts', { attempts: -1, perTryTimeout: '2s' }, [`${R}.attempts`]],
    ['invalid timeout', { attempts: 10, perTryTimeout: '2.0000001s' }, [`${R}.perTryTimeout`]],
    ['timeout too small', { attempts: 10, perTryTimeout: '999ns' }, [`${R}.perTryTimeout`]],
    ['invalid backoff', { attempts: 10, backoff: '999ns' }, [`${R}.backoff`]],
    ['valid backoff', { attempts: 3, backoff: '25ms' }, []],
    ['backoff with zero attempts is not checked by Istio', { attempts: 0, backoff: '25ms' }, []],
    ['retryIgnorePreviousHosts with zero attempts', { retryIgnorePreviousHosts: false }, []],
    ['invalid policy retryOn', { attempts: 10, perTryTimeout: '2s', retryOn: '5xx,invalid policy' }, [`${R}.retryOn`]],
    ['invalid http status retryOn', { attempts: 10, perTryTimeout: '2s', retryOn: '600,connect-failure' }, [`${R}.retryOn`]],
    ['status 418 is known to Go', { attempts: 1, retryOn: '418' }, []],
    ['status 306 is unknown to Go', { attempts: 1, retryOn: '306' }, [`${R}.retryOn`]],
    ['spaces are not trimmed', { attempts: 1, retryOn: '5xx, reset' }, [`${R}.retryOn`]],
    ['trailing comma', { attempts: 1, retryOn: '5xx,' }, [`${R}.retryOn`]],
    ['every gRPC policy', { attempts: 1, retryOn: 'cancelled,deadline-exceeded,internal,resource-exhausted,unavailable' }, []],
    ['every HTTP policy', { attempts: 1, retryOn: '5xx,gateway-error,reset,reset-before-request,connect-failure,retriable-4xx,refused-stream,retriable-status-codes,retriable-headers,envoy-ratelimited,http3-post-connect-failure' }, []],
    ['retryRemoteLocalities configured but attempts set to zero', { attempts: 0, retryRemoteLocalities: false }, [`${R}.retryRemoteLocalities`]],
  ])('%s', (_name, retries, expected) => {
    expect(fields(r(retries))).toEqual(expected);
  });
});

describe('Fault injection (TestValidateHTTPFaultInjectionAbort/Delay, TestValidateHTTPStatus)', () => {
  const f = (fault: Spec) => http({ fault });
  const F = `${H}.fault`;
  it.each<[string, Spec, string[]]>([
    ['neither abort nor delay', {}, [F]],
    ['valid abort', { abort: { percentage: { value: 20 }, httpStatus: 200 } }, []],
    ['valid default percentage', { abort: { httpStatus: 200 } }, []],
    ['invalid http status', { abort: { percentage: { value: 20 }, httpStatus: 9000 } }, [`${F}.abort.httpStatus`]],
    ['invalid low http status', { abort: { percentage: { value: 20 }, httpStatus: 100 } }, [`${F}.abort.httpStatus`]],
    ['status 0', { abort: { httpStatus: 0 } }, [`${F}.abort.httpStatus`]],
    ['status 600 (Istio allows it)', { abort: { httpStatus: 600 } }, []],
    ['status 601', { abort: { httpStatus: 601 } }, [`${F}.abort.httpStatus`]],
    ['valid fractional percentage', { abort: { percentage: { value: 0.001 }, httpStatus: 200 } }, []],
    ['negative percentage', { abort: { percentage: { value: -10 }, httpStatus: 200 } }, [`${F}.abort.percentage.value`]],
    ['percentage below a part per million', { abort: { percentage: { value: 0.00001 }, httpStatus: 503 } }, [`${F}.abort.percentage.value`]],
    ['percentage zero', { abort: { percentage: { value: 0 }, httpStatus: 503 } }, []],
    ['percentage over 100', { abort: { percentage: { value: 100.5 }, httpStatus: 503 } }, [`${F}.abort.percentage.value`]],
    ['grpc valid', { abort: { percentage: { value: 20 }, grpcStatus: 'DEADLINE_EXCEEDED' } }, []],
    ['grpc default percentage', { abort: { grpcStatus: 'DEADLINE_EXCEEDED' } }, []],
    ['grpc invalid status', { abort: { percentage: { value: 20 }, grpcStatus: 'BAD_STATUS' } }, [`${F}.abort.grpcStatus`]],
    ['grpc numeric status', { abort: { grpcStatus: '14' } }, [`${F}.abort.grpcStatus`]],
    ['grpc invalid fractional percent', { abort: { percentage: { value: -10 }, grpcStatus: 'DEADLINE_EXCEEDED' } }, [`${F}.abort.percentage.value`]],
    ['http2Error refused', { abort: { http2Error: 'REFUSED_STREAM' } }, [`${F}.abort.http2Error`]],
    ['two error types', { abort: { httpStatus: 503, grpcStatus: 'UNAVAILABLE' } }, [`${F}.abort.grpcStatus`]],
    ['valid fixed delay', { delay: { percentage: { value: 20 }, fixedDelay: '3s' } }, []],
    ['valid default delay', { delay: { fixedDelay: '3s' } }, []],
    ['invalid delay percent', { delay: { percentage: { value: 101 }, fixedDelay: '3s' } }, [`${F}.delay.percentage.value`]],
    ['invalid delay', { delay: { percentage: { value: 20 }, fixedDelay: '3.000000042s' } }, [`${F}.delay.fixedDelay`]],
    ['fractional delay percentage', { delay: { percentage: { value: 0.001 }, fixedDelay: '3s' } }, []],
    ['negative delay percentage', { delay: { percentage: { value: -10 }, fixedDelay: '3s' } }, [`${F}.delay.percentage.value`]],
    ['exponential delay refused', { delay: { exponentialDelay: '1s' } }, [`${F}.delay.exponentialDelay`]],
    ['fixed and exponential', { delay: { fixedDelay: '1s', exponentialDelay: '1s' } }, [`${F}.delay.exponentialDelay`]],
    ['legacy percent', { delay: { percent: 50, fixedDelay: '7s' } }, []],
    ['legacy percent over 100', { delay: { percent: 150, fixedDelay: '7s' } }, [`${F}.delay.percent`]],
    ['legacy percent negative', { delay: { percent: -1, fixedDelay: '7s' } }, [`${F}.delay.percent`]],
    ['both abort and delay', { delay: { fixedDelay: '7s', percentage: { value: 100 } }, abort: { httpStatus: 500, percentage: { value: 100 } } }, []],
  ])('%s', (_name, fault, expected) => {
    expect(fields(f(fault))).toEqual(expected);
  });

  it('warns when an abort has no error type', () => {
    expect(warnings(f({ abort: { percentage: { value: 10 } } }))).toEqual([`${F}.abort: abort configured, but error type not set`]);
  });
});

describe('Rewrite and redirect (TestValidateHTTPRewrite, TestValidateUriRegexRewrite, TestValidateHTTPRedirect)', () => {
  const RW = `${H}.rewrite`;
  const RD = `${H}.redirect`;
  it.each<[string, Spec, string[]]>([
    ['uri and authority', http({ rewrite: { uri: '/path/to/resource', authority: 'foobar.org' } }), []],
    ['uri', http({ rewrite: { uri: '/path/to/resource' } }), []],
    ['authority', http({ rewrite: { authority: 'foobar.org' } }), []],
    ['uriRegexRewrite', http({ rewrite: { uriRegexRewrite: { match: '^/service/([^/]+)(/.*)$', rewrite: '\\2/instance/\\1' } } }), []],
    ['uriRegexRewrite and authority', http({ rewrite: { authority: 'foobar.org', uriRegexRewrite: { match: '^/service/([^/]+)(/.*)$', rewrite: '\\2/instance/\\1' } } }), []],
    ['uriRegexRewrite and uri', http({ rewrite: { uri: '/path', uriRegexRewrite: { match: '^/s/(.*)$', rewrite: '/\\1' } } }), [`${RW}.uriRegexRewrite`]],
    ['no uri, uriRegexRewrite, or authority', http({ rewrite: {} }), [RW]],
    ['uriRegexRewrite missing match', http({ rewrite: { uriRegexRewrite: { rewrite: '\\2/instance/\\1' } } }), [`${RW}.uriRegexRewrite.match`]],
    ['uriRegexRewrite missing rewrite', http({ rewrite: { uriRegexRewrite: { match: '^/service/([^/]+)(/.*)$' } } }), [`${RW}.uriRegexRewrite.rewrite`]],
    ['uriRegexRewrite invalid regex', http({ rewrite: { uriRegexRewrite: { match: '[', rewrite: '[' } } }), [`${RW}.uriRegexRewrite.match`]],
    ['empty uri and authority', bare({ redirect: { uri: '', authority: '' } }), [RD]],
    ['too small redirect code', bare({ redirect: { uri: 't', redirectCode: 299 } }), [`${RD}.redirectCode`]],
    ['too large redirect code', bare({ redirect: { uri: 't', redirectCode: 400 } }), [`${RD}.redirectCode`]],
    ['empty authority', bare({ redirect: { uri: 't' } }), []],
    ['empty uri', bare({ redirect: { authority: 't' } }), []],
    ['empty redirect code', bare({ redirect: { uri: 't', authority: 't', redirectCode: 0 } }), []],
    ['normal redirect', bare({ redirect: { uri: 't', authority: 't', redirectCode: 308 } }), []],
    ['prefix_rewrite alone', bare({ redirect: { prefixRewrite: '/bar' } }), []],
    ['prefix_rewrite with authority', bare({ redirect: { authority: 'foo.example.com', prefixRewrite: '/' } }), []],
    ['uri and prefix_rewrite mutually exclusive', bare({ redirect: { uri: '/old', prefixRewrite: '/new' } }), [`${RD}.prefixRewrite`]],
    ['scheme only', bare({ redirect: { scheme: 'https' } }), []],
    ['bad scheme', bare({ redirect: { scheme: 'ftp' } }), [`${RD}.scheme`]],
    ['port only', bare({ redirect: { port: 8443 } }), []],
    ['port out of range', bare({ redirect: { port: 70000 } }), [`${RD}.port`]],
    ['derivePort only', bare({ redirect: { derivePort: 'FROM_REQUEST_PORT' } }), []],
    ['port and derivePort', bare({ redirect: { port: 80, derivePort: 'FROM_PROTOCOL_DEFAULT' } }), [`${RD}.derivePort`]],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });
});

describe('Direct responses (TestValidateHTTPDirectResponse)', () => {
  const d = (directResponse: Spec) => bare({ directResponse });
  const DR = `${H}.directResponse`;
  it.each<[string, Spec, string[], boolean]>([
    ['status 200', { status: 200 }, [], false],
    ['status 199', { status: 199 }, [`${DR}.status`], false],
    ['status 601', { status: 601 }, [`${DR}.status`], false],
    ['with string body', { status: 200, body: { string: 'hello' } }, [], false],
    ['with string body over 100kb', { status: 200, body: { string: 'a'.repeat(101 * 1024) } }, [], true],
    ['with string body over 1mb', { status: 200, body: { string: 'a'.repeat(2 * 1024 * 1024) } }, [`${DR}.body.string`], false],
    ['with bytes body', { status: 200, body: { bytes: 'aGVsbG8=' } }, [], false],
    ['with bytes body over 100kb', { status: 200, body: { bytes: 'YWFh'.repeat(34_200) } }, [], true],
    ['with bytes body over 1mb', { status: 200, body: { bytes: 'YWFh'.repeat(350_000) } }, [`${DR}.body.bytes`], false],
    ['string and bytes', { status: 200, body: { string: 'a', bytes: 'YQ==' } }, [`${DR}.body.bytes`], false],
  ])('%s', (_name, directResponse, expected, warns) => {
    expect(fields(d(directResponse))).toEqual(expected);
    expect(warnings(d(directResponse)).length > 0).toBe(warns);
  });
});

describe('CORS (TestValidateCORSPolicy)', () => {
  const c = (corsPolicy: Spec) => http({ corsPolicy });
  const C = `${H}.corsPolicy`;
  const base = { allowMethods: ['GET', 'POST'], allowHeaders: ['header1', 'header2'], exposeHeaders: ['header3'], maxAge: '2s' };
  it.each<[string, Spec, string[]]>([
    ['valid', base, []],
    ['bad method', { ...base, allowMethods: ['GET', 'PUTT'] }, [`${C}.allowMethods[1]`]],
    ['star method', { ...base, allowMethods: ['*'] }, []],
    ['bad header', { ...base, exposeHeaders: [''] }, [`${C}.exposeHeaders[0]`]],
    ['star header', { ...base, allowHeaders: ['*'] }, []],
    ['header with a space', { ...base, allowHeaders: ['x y'] }, [`${C}.allowHeaders[0]`]],
    ['bad max age', { ...base, maxAge: '2.000000042s' }, [`${C}.maxAge`]],
    ['max age not whole seconds', { ...base, maxAge: '1500ms' }, [`${C}.maxAge`]],
    ['max age in minutes', { ...base, maxAge: '24h' }, []],
    ['empty match types', { ...base, allowOrigins: [{ exact: '' }, { prefix: '' }, { regex: '' }] }, [`${C}.allowOrigins[0]`, `${C}.allowOrigins[1]`, `${C}.allowOrigins[2]`]],
    ['no match type', { ...base, allowOrigins: [{}] }, [`${C}.allowOrigins[0]`]],
    ['non empty match types', { ...base, allowOrigins: [{ exact: 'exact' }, { prefix: 'prefix' }, { regex: 'regex' }] }, []],
    ['bad origin regex', { ...base, allowOrigins: [{ regex: 'https://(a' }] }, [`${C}.allowOrigins[0].regex`]],
  ])('%s', (_name, cors, expected) => {
    expect(fields(c(cors))).toEqual(expected);
  });
});
