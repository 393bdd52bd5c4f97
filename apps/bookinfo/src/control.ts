// The sandbox's control API, reached through the server at /rudder/v1/sandbox/* (the
// sandbox registers its URL there): the scenario catalogue (list, apply after resetting
// Istio config to the baseline, reset), the traffic generator and the ratings fault knob.
// Scenario apply is all or nothing through the server's /rudder/v1/apply; reset never
// touches the registry.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseYamlDocuments, printYaml } from '@rudder/shared/yaml';
import type { Sandbox } from './sandbox.js';
import { listedScenario, type Scenario, type ScenarioList, scenarioDocuments } from './scenarios/catalogue.js';
import type { TrafficGenerator } from './traffic.js';

export interface ControlDeps {
  sandbox: Sandbox;
  traffic: TrafficGenerator;
  catalogue: Scenario[];
  baseline: string;
  token: string;
}

export interface ScenarioState {
  active?: string;
  appliedAt?: string;
}

type Handler = (body: unknown, params: string[]) => Promise<unknown> | unknown;

export function createControl(deps: ControlDeps) {
  const state: ScenarioState = {};
  const byId = new Map(deps.catalogue.map((s) => [s.id, s]));

  /**
   * Makes the Istio config exactly baseline + `extra`: a scenario's resource replaces the
   * baseline's of the same kind/namespace/name; everything else is pruned; then one apply.
   */
  async function converge(extra: string) {
    type Doc = { kind: string; metadata: { name: string; namespace?: string } };
    const key = (d: Doc) => `${d.kind}/${d.metadata.namespace ?? 'default'}/${d.metadata.name}`;
    const wanted = new Map<string, Doc>();
    for (const doc of parseYamlDocuments(deps.baseline) as Doc[]) wanted.set(key(doc), doc);
    for (const doc of (extra ? parseYamlDocuments(extra) : []) as Doc[]) wanted.set(key(doc), doc);
    await deps.sandbox.client.pruneIstioConfig(new Set(wanted.keys()));
    const result = await deps.sandbox.client.apply(printYaml([...wanted.values()]));
    // Answer once the change is in effect at the gateway and every sidecar.
    await deps.sandbox.waitForConfig(await deps.sandbox.client.currentVersion());
    return result;
  }

  function setRatingsFault(instance: string, fault: { errorRate?: number; delayMs?: number }) {
    const target = deps.sandbox.instances.get(instance);
    if (!target?.app.setFault) throw new ControlError(404, `no ratings instance named ${instance}`);
    target.app.setFault(fault);
  }

  const clearFaults = () => {
    for (const i of deps.sandbox.instances.values()) i.app.setFault?.({ errorRate: 0, delayMs: 0 });
  };

  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/scenarios$/, (): ScenarioList => ({ active: state.active, items: deps.catalogue.map(listedScenario) })],
    [
      'POST',
      /^\/scenarios\/reset$/,
      async () => {
        clearFaults();
        const result = await converge('');
        delete state.active;
        return result;
      },
    ],
    [
      'POST',
      /^\/scenarios\/([^/]+)\/apply$/,
      async (body, [id]) => {
        const scenario = byId.get(id ?? '');
        if (!scenario) throw new ControlError(404, `no scenario ${id}; see GET /scenarios`);
        const variant = (body as { variant?: string }).variant;
        clearFaults();
        const result = await converge(variant ? scenarioDocuments(scenario, variant) : scenarioDocuments(scenario));
        if (scenario.ratingsFault) setRatingsFault(scenario.ratingsFault.instance, { errorRate: scenario.ratingsFault.errorRate });
        state.active = scenario.id;
        state.appliedAt = new Date().toISOString();
        return result;
      },
    ],
    ['GET', /^\/traffic$/, () => deps.traffic.settings()],
    ['PUT', /^\/traffic$/, (body) => deps.traffic.update(body as object)],
    [
      'PUT',
      /^\/faults\/([^/]+)$/,
      (body, [instance]) => {
        setRatingsFault(instance ?? '', body as { errorRate?: number; delayMs?: number });
        return { instance, ...(body as object) };
      },
    ],
    [
      'GET',
      /^\/status$/,
      () => ({
        gatewayUrl: deps.sandbox.gatewayUrl,
        scenario: state,
        instances: [...deps.sandbox.instances.values()].map((i) => ({ name: i.spec.name, workload: i.spec.workload, appPort: i.app.port, inboundPort: i.inboundPort, outboundPort: i.outboundPort })),
      }),
    ],
  ];

  return async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${deps.token}`) return send(401, { message: 'Unauthorized' });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes.find(([method, pattern]) => method === req.method && pattern.test(path));
    if (!route) return send(404, { message: `no sandbox route ${req.method} ${path}` });
    try {
      const body = await readJson(req);
      const params = (route[1].exec(path) ?? []).slice(1);
      send(200, (await route[2](body, params)) ?? {});
    } catch (error) {
      send(error instanceof ControlError ? error.status : error instanceof RangeError ? 422 : 502, { message: (error as Error).message });
    }
  };
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ControlError(400, 'the body must be JSON');
  }
}

export async function startControl(deps: ControlDeps, host: string, port = 0): Promise<{ url: string; server: Server }> {
  const handle = createControl(deps);
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { url: `http://${host}:${(server.address() as AddressInfo).port}`, server };
}
