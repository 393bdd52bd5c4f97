// Test helper run as a child process: writes resources in a loop and prints each
// acknowledged resourceVersion, so the parent can kill it with SIGKILL mid-write.
import { openDatabase } from './db.js';
import { createResourceStore } from './resource-store.js';

const file = process.argv[2];
if (!file) throw new Error('usage: store-test-child <db-file>');
const store = createResourceStore({ db: openDatabase(file) });
for (let i = 0; ; i++) {
  const name = `vs-${i % 50}`;
  const object = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: 'default' },
    spec: { hosts: [name], http: [{ route: [{ destination: { host: name }, weight: i }] }] },
  };
  const existing = store.get({ kind: 'VirtualService', namespace: 'default', name });
  const saved = existing
    ? store.update({ ...object, metadata: { ...object.metadata } }, { actor: 'child' })
    : store.create(object, { actor: 'child' });
  process.stdout.write(`${saved.metadata.resourceVersion} ${name} ${i}\n`);
}
