// Versioned schema migrations: append, never edit a released one.
export const MIGRATIONS: readonly string[] = [
  // 1: resources, the change log (history, watch, rollback) and the global counter.
  `
  CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
  INSERT INTO counter (id, value) VALUES (1, 0);
  CREATE TABLE resources (
    kind TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    uid TEXT NOT NULL,
    resource_version INTEGER NOT NULL,
    object TEXT NOT NULL,
    PRIMARY KEY (kind, namespace, name)
  ) WITHOUT ROWID;
  CREATE TABLE changes (
    rv INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
    object TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX changes_by_resource ON changes (kind, namespace, name, rv);
  `,
  // 2: the registry (services, workloads, instances); health lives in memory.
  `
  CREATE TABLE registry_services (
    namespace TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (namespace, name)
  ) WITHOUT ROWID;
  CREATE TABLE registry_workloads (
    namespace TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (namespace, name)
  ) WITHOUT ROWID;
  CREATE TABLE registry_instances (
    namespace TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (namespace, name)
  ) WITHOUT ROWID;
  `,
  // 3: API tokens and dashboard sessions (stored as SHA-256 hashes, never in clear).
  `
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor')),
    kind TEXT NOT NULL CHECK (kind IN ('token', 'session')),
    created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 4: load runs (`rudder load` started from the dashboard): request, outcome, fortio's JSON.
  `
  CREATE TABLE load_runs (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'stopped', 'failed')),
    request TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    summary TEXT,
    result TEXT,
    error TEXT
  );
  CREATE INDEX load_runs_by_start ON load_runs (started_at);
  `,
];
