// Bearer tokens with roles (viewer reads, editor writes), the admin token file and the
// dashboard's one-time sign-in codes. Secrets are stored as SHA-256 hashes only.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store/db.js';

export type Role = 'viewer' | 'editor';

export interface Principal {
  /**
   * The token's own key (its secret's SHA-256), which tells apart tokens and dashboard
   * sessions that share a name (every session is `dashboard`). Server-side only: never sent.
   */
  id: string;
  name: string;
  role: Role;
}

export interface TokenStore {
  authenticate(secret: string): Principal | undefined;
  /** A new bearer token; its secret is returned once and never stored. */
  createToken(name: string, role: Role): string;
  /** The admin token from `<dataDir>/admin-token`, created (mode 0600) at first start. */
  ensureAdminToken(dataDir: string): string;
  /** A one-time sign-in code for the dashboard link, valid for `ttlMs`. */
  createLoginCode(ttlMs?: number): string;
  /** Trades a login code for a session secret (for the cookie); undefined when unknown, used or expired. */
  redeemLoginCode(code: string): string | undefined;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(24).toString('base64url');

export function createTokenStore(db: Db, now: () => number = Date.now): TokenStore {
  const insert = db.prepare(
    "INSERT OR REPLACE INTO tokens (hash, name, role, kind, created_at) VALUES (?, ?, ?, ?, datetime('now'))",
  );
  const find = db.prepare('SELECT hash AS id, name, role FROM tokens WHERE hash = ?');
  const loginCodes = new Map<string, number>();

  return {
    authenticate(secret) {
      if (!secret) return undefined;
      return find.get(hash(secret)) as Principal | undefined;
    },
    createToken(name, role) {
      const secret = newSecret();
      insert.run(hash(secret), name, role, 'token');
      return secret;
    },
    ensureAdminToken(dataDir) {
      const file = join(dataDir, 'admin-token');
      let secret = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
      if (!secret) {
        secret = newSecret();
        writeFileSync(file, `${secret}\n`, { mode: 0o600 });
      }
      chmodSync(file, 0o600);
      insert.run(hash(secret), 'admin', 'editor', 'token');
      return secret;
    },
    createLoginCode(ttlMs = 24 * 3600_000) {
      const code = newSecret();
      loginCodes.set(hash(code), now() + ttlMs);
      return code;
    },
    redeemLoginCode(code) {
      const key = hash(code);
      const expires = loginCodes.get(key);
      loginCodes.delete(key);
      if (expires === undefined || expires < now()) return undefined;
      const session = newSecret();
      insert.run(hash(session), 'dashboard', 'editor', 'session');
      return session;
    },
  };
}
