// @rudder/bookinfo as a library: the sandbox for tests and the CLI.
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export { startBookinfoApp } from './apps.js';
export { INSTANCES, SERVICES, WORKLOADS } from './topology.js';
