// The request simulator (/simulate): "what would the mesh do with this request?", answered
// by POST /rudder/v1/simulate — the route table and matcher the proxies run — joined with
// the endpoint state the calling proxy reports. The request lives in the URL, so a
// simulation is a link to share.
import { useEffect, useMemo, useState } from 'react';
import { get, post } from '../api/client.js';
import type { RegistryState, ReportedView } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { useRoute } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { formFromQuery, formToQuery, requestOf, type SimForm } from './form.js';
import { SimulationResult } from './SimulationResult.js';
import { SimulatorForm } from './SimulatorForm.js';
import type { SimulateResult } from './types.js';
import './simulator.css';

/** The gateway's workload, as its proxy names itself when it reports endpoint state. */
const GATEWAY_WORKLOAD = 'istio-ingressgateway';

export default function SimulatorPage() {
  const { query, path, navigate } = useRoute();
  const submitted = useMemo(() => formFromQuery(query), [query]);
  const submittedKey = formToQuery(submitted);
  const [form, setForm] = useState<SimForm>(submitted);
  const [touched, setTouched] = useState(false);
  // Back/forward or a pasted link: show the request the URL holds.
  useEffect(() => setForm(formFromQuery(new URLSearchParams(submittedKey))), [submittedKey]);

  const registry = useFetch((s) => get<RegistryState>('/rudder/v1/registry', {}, s), []);
  const checked = requestOf(submitted);
  const request = query.has('host') ? checked.request : undefined;
  const simulation = useFetch(request ? () => post<SimulateResult>('/rudder/v1/simulate', request) : undefined, [JSON.stringify(request)]);
  const caller = request ? (request.from === 'gateway' ? GATEWAY_WORKLOAD : request.from) : undefined;
  const views = useFetch(caller ? (s) => get<{ items: ReportedView[] }>('/rudder/v1/endpoints', { caller }, s) : undefined, [caller], 5000);

  const problems = touched ? requestOf(form).problems : [];
  const submit = () => {
    setTouched(true);
    if (requestOf(form).problems.length > 0) return;
    const q = formToQuery(form, new URLSearchParams(location.search));
    // The same request again: simulate again (the config may have changed meanwhile).
    if (q === new URLSearchParams(location.search).toString()) simulation.reload();
    else navigate(`${path}?${q}`, true);
  };

  return (
    <div className="page">
      <PageHeader title="Request simulator" subtitle="Which VirtualService and rule a request would match, where it would go, and what would happen on the way." />
      {registry.error ? <p className="notice bad">Could not load the registry ({registry.error.message}): only the gateway is offered as a source.</p> : null}
      <SimulatorForm form={form} workloads={registry.data?.workloads ?? []} problems={problems} busy={simulation.loading} onChange={setForm} onSubmit={submit} />
      <Outcome requested={Boolean(request)} simulation={simulation} views={views.data?.items ?? []} />
    </div>
  );
}

function Outcome({ requested, simulation, views }: { requested: boolean; simulation: ReturnType<typeof useFetch<SimulateResult>>; views: readonly ReportedView[] }) {
  if (!requested) {
    return (
      <Empty title="Describe a request and simulate it">
        Pick the ingress gateway and a path such as <code>/productpage</code>, or a workload (productpage-v1) calling <code>reviews</code> with an <code>end-user</code> header.
      </Empty>
    );
  }
  if (simulation.error) return <ErrorState error={simulation.error} onRetry={simulation.reload} />;
  if (!simulation.data) return <Loading label="Simulating…" />;
  return <SimulationResult result={simulation.data} views={views} now={Date.now()} />;
}
