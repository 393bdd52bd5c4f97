// @rudder/server: the control plane as a library (buildServer) for tests and the CLI.
export { buildServer, type ServerDeps } from './server.js';
export { openDatabase } from './store/db.js';
export { createTokenStore } from './auth/tokens.js';
