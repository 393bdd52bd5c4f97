import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlDocument, parseYamlDocuments, printYaml, YamlError } from './index.js';

const corpus = join(import.meta.dirname, '../../testdata/istio-bookinfo');

describe('parseYamlDocuments', () => {
  it('reads multi-document streams with comments and skips empty documents', () => {
    const docs = parseYamlDocuments('# a comment\n---\nkind: A # trailing\n---\n---\nkind: B\n');
    expect(docs).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  it('reads YAML 1.1 booleans as kubectl does (yes/on/off)', () => {
    expect(parseYamlDocument('a: yes\nb: on\nc: off\nd: "yes"\n')).toEqual({ a: true, b: true, c: false, d: 'yes' });
  });

  it('lets a duplicate key collapse to its last value, as kubectl does', () => {
    expect(parseYamlDocument('a: 1\na: 2\n')).toEqual({ a: 2 });
  });

  it('gives the line and column of a parse error', () => {
    try {
      parseYamlDocuments('kind: A\nspec:\n  hosts: [a, b\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(YamlError);
      const problem = (error as YamlError).problems[0];
      expect(problem?.line).toBeGreaterThanOrEqual(3);
      expect(problem?.column).toBeGreaterThan(0);
      expect((error as YamlError).message).toMatch(/line \d+, column \d+/);
    }
  });

  it('reads every file of the Bookinfo corpus', () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const docs = parseYamlDocuments(readFileSync(join(corpus, file), 'utf8'));
      expect(docs.length, file).toBeGreaterThan(0);
    }
  });

  it('prints back what it read', () => {
    const value = { apiVersion: 'v1', spec: { hosts: ['a'], http: [{ route: [{ weight: 10 }] }] } };
    expect(parseYamlDocument(printYaml(value))).toEqual(value);
    expect(parseYamlDocuments(printYaml([value, value]))).toHaveLength(2);
  });
});
