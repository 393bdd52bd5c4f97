// `rudder start`: the server, then the Bookinfo sandbox (gateway, sidecars, apps), each a
// child process; prints the URLs once they exist; Ctrl-C stops every child cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

const USAGE = `Usage: rudder start [--port 20001] [--kube-port 6443] [--gateway-port 8080] [--admin-port 15000]
                    [--data-dir .rudder] [--host 127.0.0.1] [--traffic on|off] [--no-sandbox]`;

interface Child {
  name: string;
  process: ChildProcess;
}

export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.RUDDER_PORT ?? '20001' },
      'kube-port': { type: 'string', default: process.env.RUDDER_KUBE_PORT ?? '6443' },
      'gateway-port': { type: 'string', default: '8080' },
      'admin-port': { type: 'string', default: '15000' },
      'data-dir': { type: 'string', default: process.env.RUDDER_DATA_DIR ?? '.rudder' },
      host: { type: 'string', default: process.env.RUDDER_HOST ?? '127.0.0.1' },
      traffic: { type: 'string', default: 'on' },
      'no-sandbox': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = resolve(values['data-dir']);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const children: Child[] = [];
  const stopAll = (signal: NodeJS.Signals = 'SIGTERM') => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill(signal);
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    stopping = true;
    console.log(`\nStopping (${signal})…`);
    stopAll('SIGTERM');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    return await bringUp();
  } catch (error) {
    stopAll();
    throw error;
  }

  async function bringUp(): Promise<number> {
  console.log('Starting the Rudder server…');
  const server = launch('server', join(ROOT, 'apps/server/dist/main.js'), ['--port', values.port, '--kube-port', values['kube-port'], '--data-dir', dataDir, '--host', values.host]);
  children.push(server);
  const serverLines = await waitForLine(server, /Config push for proxies/);
  const dashboard = /Dashboard:\s+(\S+)/.exec(serverLines)?.[1];
  const kubectl = /export KUBECONFIG=([^)\s]+)/.exec(serverLines)?.[1];
  const apiBase = `http://${values.host === '0.0.0.0' ? '127.0.0.1' : values.host}:${values.port}`;
  console.log(`  server ready (${elapsed()})`);

  let productpage: string | undefined;
  if (!values['no-sandbox']) {
    console.log('Starting the ingress gateway, the sidecars and the Bookinfo services…');
    const sandbox = launch('sandbox', join(ROOT, 'apps/bookinfo/dist/main.js'), [
      '--server', apiBase,
      '--token-file', join(dataDir, 'admin-token'),
      '--gateway-port', values['gateway-port'],
      '--admin-port', values['admin-port'],
      '--traffic', values.traffic,
    ]);
    children.push(sandbox);
    const lines = await waitForLine(sandbox, /Bookinfo sandbox ready/);
    productpage = /ready: (\S+)/.exec(lines)?.[1];
    console.log(`  sandbox ready (${elapsed()})`);
  }
  console.log(`
Rudder is up (${elapsed()}). Data in ${dataDir}
  Dashboard sign-in (one-time link): ${dashboard ?? `${apiBase}/`}
  API docs:                          ${apiBase}/rudder/v1/docs
${productpage ? `  Bookinfo:                          ${productpage}\n` : ''}  kubectl:                           export KUBECONFIG=${kubectl ?? join(dataDir, 'kubeconfig')}
Press Ctrl-C to stop.`);

  const code = await new Promise<number>((resolveExit) => {
    for (const c of children) {
      c.process.once('exit', (exitCode, signal) => {
        if (!stopping) {
          console.error(`rudder: the ${c.name} stopped (${signal ?? `exit ${exitCode}`}); stopping the rest`);
          stopping = true;
          stopAll();
        }
        if (children.every((x) => x.process.exitCode !== null || x.process.signalCode !== null)) resolveExit(stopping ? 0 : 1);
      });
    }
  });
  return code;
  }
}

function launch(name: string, script: string, args: string[]): Child {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first (npm start builds for you)`);
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(name, chunk.toString())));
  return { name, process: child };
}

const prefix = (name: string, text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => `[${name}] ${l}\n`)
    .join('');

/** Collects a child's stdout until a line matches; rejects when it exits first. */
function waitForLine(child: Child, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`the ${child.name} did not start within ${timeoutMs / 1000}s`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        child.process.stdout?.off('data', onData);
        // Keep draining (and showing) later output.
        child.process.stdout?.on('data', (more: Buffer) => process.stdout.write(prefix(child.name, more.toString())));
        resolveLine(text);
      }
    };
    child.process.stdout?.on('data', onData);
    child.process.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${child.name} exited (code ${code}) before it was ready${text ? `:\n${text}` : ''}`));
    });
  });
}
