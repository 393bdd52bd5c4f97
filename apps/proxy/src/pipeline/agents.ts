// One keep-alive agent per endpoint. Without an agent every upstream request would get
// `Connection: close`. Idle sockets close after 4 s, under Node's default 5 s server
// keep-alive timeout, so we rarely reuse a socket the upstream is closing.
import { Agent } from 'node:http';

export const IDLE_SOCKET_MS = 4000;

export interface EndpointAgents {
  agentFor(address: string, port: number): Agent;
  /** Drops agents of endpoints no longer in use. */
  retain(keys: ReadonlySet<string>): void;
  close(): void;
}

export function createEndpointAgents(idleMs = IDLE_SOCKET_MS): EndpointAgents {
  const agents = new Map<string, Agent>();
  return {
    agentFor(address, port) {
      const key = `${address}:${port}`;
      let agent = agents.get(key);
      if (!agent) {
        agent = new Agent({ keepAlive: true, keepAliveMsecs: 1000, timeout: idleMs, scheduling: 'lifo' });
        agents.set(key, agent);
      }
      return agent;
    },
    retain(keys) {
      for (const [key, agent] of agents) {
        if (!keys.has(key)) {
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
