// The service page's "Actions" menu (as in Kiali): one link per wizard. A <details>
// disclosure, so it opens with the keyboard and needs no script.
import { Link } from '../ui/router.js';
import { WIZARDS } from './model.js';
import './wizards.css';

export function ActionsMenu({ namespace, service }: { namespace: string; service: string }) {
  return (
    <details className="wz-menu">
      <summary className="btn">Actions ▾</summary>
      <nav className="wz-menu-list" aria-label="Traffic wizards">
        {WIZARDS.map((w) => (
          <Link key={w.id} to={`/wizards/${w.id}/${namespace}/${service}`} title={w.summary}>
            {w.title}
          </Link>
        ))}
      </nav>
    </details>
  );
}
