// The SQLite file in the data dir: opened in WAL mode with full syncs, so an
// acknowledged write survives kill -9, and migrated by version (PRAGMA user_version).
// A timer truncates the WAL: SQLite's automatic checkpoints copy pages back but never
// shrink the -wal file, so without it the file keeps its largest size forever.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface DatabaseOptions {
  /** Milliseconds between WAL checkpoints (TRUNCATE); default 5000, 0: none. */
  checkpointMs?: number;
}

export function openDatabase(file: string, options: DatabaseOptions = {}): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  scheduleCheckpoints(db, options.checkpointMs ?? 5000);
  return db;
}

/** Checkpoints on a timer that never keeps the process alive and stops when the database closes. */
function scheduleCheckpoints(db: Db, everyMs: number): void {
  if (everyMs <= 0 || db.memory) return;
  const timer = setInterval(() => {
    // TRUNCATE waits (busy_timeout) only for another connection's transaction; this process has one.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }, everyMs);
  timer.unref();
  const close = db.close.bind(db);
  db.close = () => {
    clearInterval(timer);
    return close();
  };
}

/** Applies every migration newer than the file's version, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this Rudder (${MIGRATIONS.length}); upgrade Rudder`);
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
  });
}
