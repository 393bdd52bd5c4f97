import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'rudder-db-')), 'rudder.db');
const walSize = (file: string) => statSync(`${file}-wal`).size;

function writeSome(file: string, checkpointMs: number) {
  const db = openDatabase(file, { checkpointMs });
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  for (let i = 0; i < 50; i++) insert.run('x'.repeat(1000));
  return db;
}

describe('rudder.db WAL checkpoints', () => {
  it('truncates the WAL file when the timer fires', async () => {
    const file = tempDb();
    const db = writeSome(file, 40);
    expect(walSize(file)).toBeGreaterThan(0);
    const deadline = Date.now() + 3000;
    while (walSize(file) > 0 && Date.now() < deadline) await sleep(20);
    expect(walSize(file)).toBe(0);
    // The data is still there, and writing after a truncation works.
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 50 });
    db.close();
  });

  it('leaves the WAL alone without the timer, and stops the timer on close', async () => {
    const file = tempDb();
    const db = writeSome(file, 0);
    await sleep(150);
    expect(walSize(file)).toBeGreaterThan(0);
    db.close();
    // A timer left running would throw "database connection is not open" here.
    const timed = writeSome(tempDb(), 20);
    timed.close();
    await sleep(100);
    expect(timed.open).toBe(false);
  });
});
