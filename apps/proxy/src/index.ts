// @rudder/proxy as a library: the sandbox hosts many sidecars and the gateway in one
// process with one runtime; standalone proxies use main.ts.
export { createProxyRuntime, type ProxyRuntime, type ProxyRuntimeDeps } from './runtime.js';
export { startConfigClient, type ConfigClient } from './config/config-client.js';
export { startAdmin } from './admin/admin.js';
export { peerOf, type PeerIdentity } from './listeners/identity.js';
export type { ListenerConfig } from './listeners/handler.js';
export type { InboundConfig } from './listeners/inbound.js';
export { startTelemetryClient, type TelemetryClient, type TelemetryClientDeps } from './telemetry/client.js';
export type { TelemetryRecorder } from './telemetry/recorder.js';
