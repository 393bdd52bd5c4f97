// One keep-alive agent per endpoint (and socket settings). Without an agent every upstream
// request would get `Connection: close`. Idle sockets close after 4 s unless the
// DestinationRule sets connectionPool.http.idleTimeout (Istio's own default is 1 h; ours
// stays under Node's default 5 s server keep-alive timeout, so we rarely reuse a socket the
// upstream is closing). connectionPool.tcp.tcpKeepalive.time becomes the TCP keep-alive
// delay (Node enables SO_KEEPALIVE on pooled sockets; probes and interval stay the kernel's).
import { Agent } from 'node:http';

export const IDLE_SOCKET_MS = 4000;
export const TCP_KEEPALIVE_MS = 1000;

export interface EndpointAgents {
  agentFor(address: string, port: number, idleMs?: number, keepAliveMs?: number): Agent;
  /** Drops agents of endpoints no longer in use. */
  retain(keys: ReadonlySet<string>): void;
  close(): void;
}

export function createEndpointAgents(idleMs = IDLE_SOCKET_MS): EndpointAgents {
  const agents = new Map<string, Agent>();
  return {
    agentFor(address, port, idle = idleMs, keepAliveMs = TCP_KEEPALIVE_MS) {
      const endpoint = `${address}:${port}`;
      const key = idle === idleMs && keepAliveMs === TCP_KEEPALIVE_MS ? endpoint : `${endpoint}|${idle}|${keepAliveMs}`;
      let agent = agents.get(key);
      if (!agent) {
        // `timeout` closes a pooled socket idle that long (Node's agent destroys free sockets on it).
        agent = new Agent({ keepAlive: true, keepAliveMsecs: keepAliveMs, timeout: idle, scheduling: 'lifo' });
        agents.set(key, agent);
      }
      return agent;
    },
    retain(keys) {
      for (const [key, agent] of agents) {
        const pipe = key.indexOf('|');
        if (!keys.has(pipe < 0 ? key : key.slice(0, pipe))) {
          agent.destroy();
          agents.delete(key);
        }
      }
    },
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
