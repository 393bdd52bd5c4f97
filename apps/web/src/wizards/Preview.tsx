// What Apply will write: a diff against the live objects (the default view: it says what
// changes) and the full YAML.
import type { Resource } from '@rudder/shared/kinds';
import { printYaml } from '@rudder/shared/yaml';
import { createTwoFilesPatch } from 'diff';
import { useMemo, useState } from 'react';
import { Tabs } from '../ui/controls.js';
import type { Live } from './model.js';

/** What a reader compares: identity, labels, annotations and spec; not the server's bookkeeping. */
function comparable(r: Resource) {
  const { name, namespace, labels, annotations } = r.metadata;
  return { apiVersion: 'networking.istio.io/v1', kind: r.kind, metadata: { name, namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) }, spec: r.spec ?? {} };
}

export function diffAgainstLive(resources: readonly Resource[], live: Live): string {
  return resources
    .map((r) => {
      const before = r.kind === 'VirtualService' ? live.vs : live.dr;
      const name = `${r.kind}/${r.metadata.namespace}/${r.metadata.name}`;
      const patch = createTwoFilesPatch(before ? `${name} (live)` : '/dev/null', `${name} (wizard)`, before ? printYaml(comparable(before)) : '', printYaml(comparable(r)), undefined, undefined, { context: 3 });
      return patch.split('\n').slice(1).join('\n');
    })
    .join('\n');
}

const lineClass = (line: string) => (line.startsWith('+++') || line.startsWith('---') ? 'wz-diff-file' : line.startsWith('+') ? 'wz-diff-add' : line.startsWith('-') ? 'wz-diff-del' : line.startsWith('@@') ? 'wz-diff-hunk' : undefined);

export function Preview({ resources, live }: { resources: readonly Resource[]; live: Live }) {
  const [tab, setTab] = useState<'diff' | 'yaml'>('diff');
  const diff = useMemo(() => diffAgainstLive(resources, live), [resources, live]);
  const yaml = useMemo(() => (resources.length ? printYaml([...resources]) : ''), [resources]);
  const changes = diff.split('\n').some((l) => /^[+-](?![+-]{2})/.test(l));
  return (
    <div>
      <Tabs
        label="Preview"
        value={tab}
        onChange={setTab}
        tabs={[
          ['diff', 'Diff against live'],
          ['yaml', 'YAML'],
        ]}
      />
      {resources.length === 0 ? (
        <p className="muted">Nothing to write.</p>
      ) : tab === 'yaml' ? (
        <pre className="yaml" data-testid="wizard-yaml">
          {yaml}
        </pre>
      ) : (
        <pre className="yaml wz-diff" data-testid="wizard-diff">
          {changes ? diff.split('\n').map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional
            <span key={i} className={lineClass(line)}>
              {line}
              {'\n'}
            </span>
          )) : 'No change: the live config already says this.'}
        </pre>
      )}
    </div>
  );
}
