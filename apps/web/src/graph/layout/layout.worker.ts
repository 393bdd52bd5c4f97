// The layout worker: runs ELK's layered algorithm off the main thread, one request at a
// time, and answers with the laid-out graph (model/layout.ts builds the input and reads
// the output).
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from '../model/layout.js';

const elk = new ELK();

// elk.bundled installs its own message handler in a worker; this one replaces it.
self.onmessage = async (ev: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = ev.data;
  try {
    const started = performance.now();
    const result = (await elk.layout(graph as Parameters<typeof elk.layout>[0])) as unknown as ElkNode;
    self.postMessage({ id, graph: result, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message ?? String(error) });
  }
};
