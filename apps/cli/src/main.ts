#!/usr/bin/env node
// rudder: one command for the whole system. Each subcommand lives in its own file.
import { runApi } from './commands/api.js';
import { runLoad } from './commands/load.js';
import { runStart } from './commands/start.js';

const USAGE = `Usage: rudder <command> [options]

Commands:
  start                     start the server, the ingress gateway, the sidecars and the Bookinfo sandbox
  scenario list|apply ID|reset
                            tutorial scenarios (sections 6.1-6.13) on the running sandbox
  traffic on|off|rate N|users a,b|status
                            the sandbox's steady traffic generator
  sandbox ratings [--instance ratings-v1-1] [--errors 50%] [--delay 2s]
  faults INSTANCE [--errors 50%] [--delay 2s]
                            the ratings fault knob (6.8b: a flaky ratings instance)
  apply -f FILE             apply a multi-document YAML, all or nothing
  get KIND [NAME]           list or show Istio resources (vs, dr, gw, se, we)
  kubeconfig [--role viewer|editor]
                            print a kubeconfig for kubectl
  load [fortio flags] URL   fortio-compatible load generator

Run 'rudder <command> --help' for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdout: process.stdout, stderr: process.stderr };
  switch (command) {
    case 'start':
      return runStart(rest);
    case 'load':
      return runLoad(rest, io);
    case 'scenario':
    case 'traffic':
    case 'faults':
    case 'sandbox':
    case 'apply':
    case 'get':
    case 'kubeconfig':
      return runApi(command, rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`rudder: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`rudder: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
