// The commands that talk to a running Rudder over its REST API with the admin token:
// scenario, traffic, faults, apply, get, kubeconfig.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import type { ScenarioList } from '@rudder/shared/protocol';

interface Io {
  stdout: Writable;
  stderr: Writable;
}

const SHORT: Record<string, string> = {
  vs: 'virtualservices',
  virtualservice: 'virtualservices',
  dr: 'destinationrules',
  destinationrule: 'destinationrules',
  gw: 'gateways',
  gateway: 'gateways',
  se: 'serviceentries',
  serviceentry: 'serviceentries',
  we: 'workloadentries',
  workloadentry: 'workloadentries',
};

export async function runApi(command: string, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string', default: process.env.RUDDER_SERVER ?? `http://127.0.0.1:${process.env.RUDDER_PORT ?? '20001'}` },
      'data-dir': { type: 'string', default: process.env.RUDDER_DATA_DIR ?? '.rudder' },
      token: { type: 'string' },
      namespace: { type: 'string', short: 'n', default: 'default' },
      filename: { type: 'string', short: 'f' },
      errors: { type: 'string' },
      instance: { type: 'string' },
      delay: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      output: { type: 'string', short: 'o', default: 'yaml' },
    },
  });
  const token = values.token ?? process.env.RUDDER_TOKEN ?? readToken(values['data-dir']);
  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    let res: Response;
    try {
      res = await fetch(`${values.server}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
    } catch {
      throw new Error(`cannot reach Rudder at ${values.server}: is it running? (npm start)`);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(describeError(res.status, text));
    return text;
  };
  const print = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const [sub, arg] = positionals;

  switch (command) {
    case 'scenario':
      if (sub === 'list') {
        const list = JSON.parse(await call('GET', '/rudder/v1/sandbox/scenarios')) as ScenarioList;
        for (const s of list.items) print(`${s.id === list.active ? '*' : ' '} ${s.id.padEnd(5)} ${s.title}`);
        return 0;
      }
      if (sub === 'apply' && arg) {
        await call('POST', `/rudder/v1/sandbox/scenarios/${encodeURIComponent(arg)}/apply`, {});
        print(`scenario ${arg} applied (Istio config reset to the sandbox baseline first)`);
        return 0;
      }
      if (sub === 'reset') {
        await call('POST', '/rudder/v1/sandbox/scenarios/reset', {});
        print('Istio config reset to the sandbox baseline');
        return 0;
      }
      throw new Error('usage: rudder scenario list | apply ID | reset');
    case 'traffic': {
      const change =
        sub === 'on' ? { enabled: true } : sub === 'off' ? { enabled: false } : sub === 'rate' ? { rate: Number(arg) } : sub === 'users' ? { users: (arg ?? '').split(',').filter(Boolean) } : undefined;
      const text = change ? await call('PUT', '/rudder/v1/sandbox/traffic', change) : await call('GET', '/rudder/v1/sandbox/traffic');
      print(text);
      return 0;
    }
    case 'sandbox':
    case 'faults': {
      // `rudder sandbox ratings --errors 50%` is the issue's spelling: the first ratings instance.
      if (command === 'sandbox' && sub !== 'ratings') throw new Error('usage: rudder sandbox ratings [--instance ratings-v1-1] [--errors 50%] [--delay 2s]');
      const instance = command === 'sandbox' ? (values.instance ?? 'ratings-v1-1') : sub;
      if (!instance) throw new Error('usage: rudder faults INSTANCE [--errors 50%] [--delay 2s]');
      const errorRate = values.errors === undefined ? 0 : Number(values.errors.replace('%', '')) / 100;
      const delayMs = values.delay === undefined ? 0 : parseDelay(values.delay);
      print(await call('PUT', `/rudder/v1/sandbox/faults/${encodeURIComponent(instance)}`, { errorRate, delayMs }));
      return 0;
    }
    case 'apply': {
      if (!values.filename) throw new Error('usage: rudder apply -f FILE');
      const yaml = values.filename === '-' ? readFileSync(0, 'utf8') : readFileSync(values.filename, 'utf8');
      const result = JSON.parse(await call('POST', `/rudder/v1/apply?namespace=${values.namespace}`, yaml, 'application/yaml')) as {
        items: { kind: string; name: string; action: string }[];
      };
      for (const i of result.items) print(`${i.kind.toLowerCase()}.networking.istio.io/${i.name} ${i.action}`);
      return 0;
    }
    case 'get': {
      const plural = SHORT[sub ?? ''] ?? sub;
      if (!plural) throw new Error('usage: rudder get vs|dr|gw|se|we [NAME]');
      const path = `/apis/networking.istio.io/v1/namespaces/${values.namespace}/${plural}${arg ? `/${arg}` : ''}`;
      print(await call('GET', path));
      return 0;
    }
    case 'kubeconfig': {
      const text = await call('POST', '/rudder/v1/kubeconfig', { role: values.role });
      print(text.startsWith('{') ? ((JSON.parse(text) as { kubeconfig?: string }).kubeconfig ?? text) : text);
      return 0;
    }
  }
  return 2;
}

function readToken(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  } catch {
    throw new Error(`no token: run from the directory where Rudder keeps ${join(dataDir, 'admin-token')}, or pass --token / RUDDER_TOKEN`);
  }
}

function parseDelay(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text);
  if (!m) throw new Error(`--delay: ${JSON.stringify(text)} is not a duration like 2s or 500ms`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

function describeError(status: number, text: string): string {
  try {
    const status_ = JSON.parse(text) as { message?: string; details?: { causes?: { field: string; message: string }[] } };
    const causes = status_.details?.causes?.map((c) => `\n  ${c.field}: ${c.message}`).join('') ?? '';
    return `${status_.message ?? text}${causes}`;
  } catch {
    return `HTTP ${status}: ${text}`;
  }
}
