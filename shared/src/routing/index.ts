// Routing core shared by the proxy and the server's simulator: host qualification and
// matching now; the route-table compiler and matcher join it with the data plane.
// Node-only (the matcher will compile regexes with the native re2).
export { hostAliases, hostMatches, qualifyHost } from './hosts.js';
