// The app: asks who is signed in (the sign-in page when nobody is), then routes to the
// pages inside the shell. The graph is the home page.
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { ApiError, get } from './api/client.js';
import type { Whoami } from './api/types.js';
import { useFetch } from './api/use-fetch.js';
import { GraphPage } from './graph/GraphPage.js';
import { Router, useRoute } from './ui/router.js';
import { Shell, SignIn } from './ui/shell.js';
import { Empty, ErrorState, Loading } from './ui/states.js';
import './resources/pages.css';

// Every page but the graph (the home page) loads on first visit, so the graph's first paint
// does not wait for their code (charts, tables, CodeMirror, forms).
const WorkloadsPage = lazy(() => import('./resources/WorkloadsPage.js').then((m) => ({ default: m.WorkloadsPage })));
const WorkloadDetail = lazy(() => import('./resources/WorkloadDetail.js').then((m) => ({ default: m.WorkloadDetail })));
const ServicesPage = lazy(() => import('./resources/ServicesPage.js').then((m) => ({ default: m.ServicesPage })));
const ServiceDetail = lazy(() => import('./resources/ServicesPage.js').then((m) => ({ default: m.ServiceDetail })));
const TracesPage = lazy(() => import('./traces/TracesPage.js').then((m) => ({ default: m.TracesPage })));
const TraceDetail = lazy(() => import('./traces/TraceDetail.js').then((m) => ({ default: m.TraceDetail })));
const ProxiesPage = lazy(() => import('./resources/ProxiesPage.js').then((m) => ({ default: m.ProxiesPage })));
const SandboxPage = lazy(() => import('./resources/SandboxPage.js').then((m) => ({ default: m.SandboxPage })));
const IstioConfigPage = lazy(() => import('./config/IstioConfigPage.js'));
const ResourcePage = lazy(() => import('./config/ResourcePage.js'));
const WizardPage = lazy(() => import('./wizards/WizardPage.js'));
const SimulatorPage = lazy(() => import('./simulator/SimulatorPage.js'));
const LoadPage = lazy(() => import('./load/LoadPage.js'));

const lazyPage = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

function Page() {
  const { path } = useRoute();
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [section, a, b, c] = parts;
  switch (section) {
    case undefined:
    case 'graph':
      return <GraphPage />;
    case 'workloads':
      return lazyPage(a && b ? <WorkloadDetail key={`${a}/${b}`} namespace={a} name={b} /> : <WorkloadsPage />);
    case 'services':
      return lazyPage(a && b ? <ServiceDetail namespace={a} name={b} /> : <ServicesPage />);
    case 'traces':
      return lazyPage(a ? <TraceDetail id={a} /> : <TracesPage />);
    case 'proxies':
      return lazyPage(<ProxiesPage />);
    case 'sandbox':
      return lazyPage(<SandboxPage />);
    case 'istio':
      // /istio (the list) and /istio/new/<Kind>
      return lazyPage(<IstioConfigPage {...(a === 'new' && b ? { newKind: b } : {})} />);
    case 'config':
      return a && b && c ? lazyPage(<ResourcePage key={`${a}/${b}/${c}`} kind={a} namespace={b} name={c} />) : lazyPage(<IstioConfigPage />);
    case 'wizards':
      // /wizards/<wizard>/<namespace>/<service>
      return a && b && c ? lazyPage(<WizardPage key={`${a}/${b}/${c}`} wizard={a} namespace={b} service={c} />) : <Empty title="Pick a service">Wizards open from a service's page.</Empty>;
    case 'simulate':
      return lazyPage(<SimulatorPage />);
    case 'load':
      return lazyPage(<LoadPage />);
    default:
      return <Empty title="Nothing here">This page does not exist. Pick a section on the left.</Empty>;
  }
}

function Gate() {
  const who = useFetch((s) => get<Whoami>('/rudder/v1/whoami', {}, s), []);
  const { reload } = who;
  useEffect(() => {
    window.addEventListener('rudder:signed-out', reload);
    return () => window.removeEventListener('rudder:signed-out', reload);
  }, [reload]);
  if (who.error instanceof ApiError && who.error.status === 401) return <SignIn />;
  if (who.error && !who.data) return <ErrorState error={who.error} onRetry={reload} />;
  if (!who.data) return <Loading label="Connecting to Rudder…" />;
  return (
    <Shell who={who.data}>
      <Page />
    </Shell>
  );
}

export function App() {
  return (
    <Router>
      <Gate />
    </Router>
  );
}
