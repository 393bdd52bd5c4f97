// productpage's sign-in: a `session=<user>` cookie set by the login form (any password, as
// in Istio's Bookinfo) and cleared by /logout. Signed in, productpage sends `end-user`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendText } from './server.js';

export const SESSION_COOKIE = 'session';
const MAX_USER_LENGTH = 64;

/** Cookie name → value of a Cookie header (the first value of a repeated name wins, RFC 6265 §5.4). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** A user name fit for a header value: trimmed, printable ASCII, at most 64 characters. */
export function cleanUser(name: string | undefined): string | undefined {
  const user = (name ?? '').trim();
  if (user === '' || user.length > MAX_USER_LENGTH || !/^[\x20-\x7e]+$/.test(user)) return undefined;
  return user;
}

/** The signed-in user of a request, if any. */
export function sessionUser(req: IncomingMessage): string | undefined {
  return cleanUser(parseCookies(req.headers.cookie).get(SESSION_COOKIE));
}

/** Where to go after signing in or out: the page the form came from, if it is a product page. */
function nextPage(next: string | null | undefined): string {
  return next && /^\/productpage(?:[/?]|$)/.test(next) ? next : '/productpage';
}

function redirect(res: ServerResponse, location: string, cookie: string): void {
  res.writeHead(302, { location, 'set-cookie': cookie, 'content-length': 0 });
  res.end();
}

/** POST /login, form fields `username` and `passwd` (ignored); a bad name signs nobody in. */
export async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, 'use the sign-in form (POST /login)');
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await readBody(req));
  } catch {
    return sendText(res, 400, 'unreadable form');
  }
  const user = cleanUser(form.get('username') ?? undefined);
  const location = nextPage(form.get('next'));
  if (user === undefined) return redirect(res, location, `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  redirect(res, location, `${SESSION_COOKIE}=${encodeURIComponent(user)}; Path=/; HttpOnly; SameSite=Lax`);
}

/** /logout: clears the session cookie and goes back to the product page. */
export function logout(req: IncomingMessage, res: ServerResponse): void {
  const next = new URL(req.url ?? '/', 'http://productpage').searchParams.get('next');
  redirect(res, nextPage(next), `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
}
