// The frame around every page: a quiet sidebar with the sections and who is signed in.
import type { ReactNode } from 'react';
import type { Whoami } from '../api/types.js';
import { Link, useRoute } from './router.js';

const SECTIONS: readonly [string, string, string][] = [
  ['/graph', 'Graph', 'M4 6a2 2 0 1 0 4 0 2 2 0 0 0-4 0m12 0a2 2 0 1 0 4 0 2 2 0 0 0-4 0M10 18a2 2 0 1 0 4 0 2 2 0 0 0-4 0M8 6h8M7 7.5l4 9m6-9-4 9'],
  ['/workloads', 'Workloads', 'M4 5h16v5H4zm0 9h16v5H4zm3-6.5h.01M7 16.5h.01'],
  ['/services', 'Services', 'M12 4 20 19H4z'],
  ['/istio', 'Istio Config', 'M6 4h9l4 4v12H6zm9 0v4h4M9 12h7M9 16h5'],
  ['/simulate', 'Simulator', 'M5 12h4l2-5 3 10 2-5h3'],
  ['/load', 'Load', 'M4 19h16M6 16V9m4 7V5m4 11v-6m4 6v-9'],
  ['/traces', 'Traces', 'M4 6h10M7 10h9M10 14h10M6 18h6'],
  ['/proxies', 'Proxies', 'M12 3 4 7v5c0 4.4 3.4 8.3 8 9 4.6-.7 8-4.6 8-9V7z'],
  ['/sandbox', 'Sandbox', 'M9 3h6M10 3v6L5 19a1 1 0 0 0 .9 1.5h12.2A1 1 0 0 0 19 19l-5-10V3'],
];

export function Shell({ who, children }: { who: Whoami; children: ReactNode }) {
  const { path } = useRoute();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Sections">
        <Link to="/graph" className="brand">
          <img src="/favicon.svg" alt="" width="26" height="26" />
          <span>Rudder</span>
        </Link>
        <ul>
          {SECTIONS.map(([to, label, icon]) => {
            const active = path === to || path.startsWith(`${to}/`) || (to === '/graph' && path === '/');
            return (
              <li key={to}>
                <Link to={to} className={active ? 'nav active' : 'nav'}>
                  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <path d={icon} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="who" title={`Signed in as ${who.name} (${who.role})`}>
          <span className="avatar" aria-hidden="true">
            {who.name.slice(0, 1).toUpperCase()}
          </span>
          <span>
            {who.name}
            <small>{who.role}</small>
          </span>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-head">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function SignIn({ error }: { error?: Error }) {
  return (
    <main className="signin">
      <div className="signin-card">
        <img src="/favicon.svg" alt="" width="44" height="44" />
        <h1>Sign in to Rudder</h1>
        <p>Open the one-time sign-in link printed by <code>npm start</code> in your terminal. It looks like:</p>
        <pre>Dashboard:  http://127.0.0.1:20001/login?code=…</pre>
        <p className="muted">Each link works once. Restarting Rudder prints a new one.</p>
        {error ? <p className="error-text">{error.message}</p> : null}
      </div>
    </main>
  );
}
