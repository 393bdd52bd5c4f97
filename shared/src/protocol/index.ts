// Wire types between the server and its proxies and dashboard (DESIGN.md "Processes and
// data flow"). Browser-safe: plain types and constants only.
export * from './config.js';
export * from './registry.js';
export * from './telemetry.js';
export * from './istio-metrics.js';
export * from './load.js';
export * from './validation.js';
export * from './sandbox.js';
