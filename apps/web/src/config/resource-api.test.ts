import { describe, expect, it } from 'vitest';
import { editableText, parseWarningHeader, splitWarning } from './resource-api.js';

describe('parseWarningHeader', () => {
  it('reads each quoted text of joined Warning headers, commas inside kept', () => {
    const header = '299 - "spec.hosts[0]: no host, none at all (KIA1101)", 299 - "a \\"quoted\\" word"';
    expect(parseWarningHeader(header)).toEqual(['spec.hosts[0]: no host, none at all (KIA1101)', 'a "quoted" word']);
    expect(parseWarningHeader(null)).toEqual([]);
  });
});

describe('splitWarning', () => {
  it('separates the field path from the text', () => {
    expect(splitWarning('spec.http[0].route: weights (KIA1106)')).toEqual({ field: 'spec.http[0].route', message: 'weights (KIA1106)', severity: 'warning' });
    expect(splitWarning('VirtualService default/x: something')).toEqual({ field: '', message: 'VirtualService default/x: something', severity: 'warning' });
  });
});

describe('editableText', () => {
  it('leaves out the server bookkeeping', () => {
    const text = editableText({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'r', namespace: 'default', resourceVersion: '7', uid: 'u', generation: 2, managedFields: [] },
      spec: { hosts: ['r'] },
    } as never);
    expect(text).toBe('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n  namespace: default\nspec:\n  hosts:\n    - r\n');
  });
});
