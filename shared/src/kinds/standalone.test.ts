import { describe, expect, it } from 'vitest';
import { kindByName, type KindDefinition } from './index.js';
import { standaloneValidators } from './standalone.js';
import { installPrecompiledValidators, validateStructure } from './structural.js';

const vs = kindByName('VirtualService') as KindDefinition;
const objects = [
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r', namespace: 'default' }, spec: { hosts: ['r'], http: [{ route: [{ destination: { host: 'r' }, weight: 'abc' }] }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r' }, spec: { hosts: 'r', tcp: [{ match: [{ port: -1 }] }], bogus: 1 } },
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r', labels: { a: 1 } }, spec: { http: [{ retries: { attempts: 1.5 }, match: [{ uri: { exact: 3 } }] }] } },
];

describe('standaloneValidators', () => {
  it('is ES module code that needs no runtime require', () => {
    const code = standaloneValidators();
    expect(code).toMatch(/^"use strict";export const VirtualService = /);
    expect(code).not.toContain('require(');
    expect(code).toContain('export default { VirtualService, DestinationRule, Gateway, ServiceEntry, WorkloadEntry };');
  });

  it('gives validateStructure the same problems as compiling at run time', async () => {
    const compiled = objects.map((o) => validateStructure(vs, o));
    const module = (await import(`data:text/javascript,${encodeURIComponent(standaloneValidators())}`)) as { default: Record<string, unknown> };
    installPrecompiledValidators(module.default);
    const precompiled = objects.map((o) => validateStructure(vs, o));
    expect(precompiled).toEqual(compiled);
    expect(compiled.every((r) => r.problems.length > 0)).toBe(true);
  });

  it('is what validateStructure runs once handed over', () => {
    const accepting = Object.assign(() => true, { errors: null });
    installPrecompiledValidators({ VirtualService: accepting });
    expect(validateStructure(vs, objects[0]).problems).toEqual([]);
  });
});
