// A wizard page (/wizards/<wizard>/<namespace>/<service>): the form, filled from the live
// config; the YAML it will write and its diff against what is live; Apply, enabled once the
// browser's schema check and the server's dry run both pass; and Remove, which takes out
// what the wizards added to this service.
import { kindByName, validateStructure } from '@rudder/shared/kinds';
import { type ComponentType, useCallback, useEffect, useMemo, useState } from 'react';
import { useFetch } from '../api/use-fetch.js';
// validateStructure's validators compiled at build time: the dashboard's CSP forbids eval.
import '../kinds/precompiled.js';
import { Card, Pill } from '../ui/controls.js';
import { Link } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { ApplyError, applyAll, type Cause, loadContext, removeWizardConfig } from './api.js';
import { BalancerForm, BreakerForm } from './forms/DestinationPolicyForms.js';
import type { FormProps } from './forms/form.js';
import { FaultForm, MirrorForm, TimeoutForm } from './forms/RoutePolicyForms.js';
import { RoutingForm } from './forms/RoutingForm.js';
import { ShiftingForm } from './forms/ShiftingForm.js';
import { type Built, causesToProblems, removalPlan, replaceWarnings, type WizardContext, type WizardId, WIZARDS, wizardById } from './model.js';
import { Preview } from './Preview.js';
import './wizards.css';

const FORMS: Record<WizardId, ComponentType<FormProps>> = {
  'traffic-shifting': ShiftingForm,
  'request-routing': RoutingForm,
  'fault-injection': FaultForm,
  timeouts: TimeoutForm,
  mirroring: MirrorForm,
  'load-balancer': BalancerForm,
  'circuit-breaker': BreakerForm,
};

type Notice = { tone: 'ok' | 'bad'; text: string; causes?: Cause[] };
type DryRun = { key: string; ok: true } | { key: string; ok: false; error: ApplyError | Error };

/** The browser-side schema check of what the wizard would write (the same check the server runs first). */
function schemaCauses(built: Built | undefined): Cause[] {
  return (built?.resources ?? []).flatMap((r, i) => {
    const def = kindByName(r.kind);
    return def ? validateStructure(def, r).problems.map((p) => ({ field: `documents[${i}].${p.field}`, message: p.message })) : [];
  });
}

/** Runs the server's dry run for `key` once the form is valid; stale answers are dropped. */
function useDryRun(built: Built | undefined, key: string, ready: boolean): DryRun | undefined {
  const [result, setResult] = useState<DryRun>();
  useEffect(() => {
    if (!ready || !built) return;
    let live = true;
    const timer = setTimeout(() => {
      applyAll(built.resources, true).then(
        () => live && setResult({ key, ok: true }),
        (error: Error) => live && setResult({ key, ok: false, error }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [built, key, ready]);
  return result?.key === key ? result : undefined;
}

function CauseList({ causes }: { causes: readonly Cause[] }) {
  return (
    <ul className="wz-causes">
      {causes.map((c) => (
        <li key={`${c.field}:${c.message}`}>
          {c.field ? <code>{c.field}</code> : null} {c.message}
        </li>
      ))}
    </ul>
  );
}

function WizardBody({ wizard, ctx, reload }: { wizard: WizardId; ctx: WizardContext; reload: () => void }) {
  const Form = FORMS[wizard];
  const [built, setBuilt] = useState<Built>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const onBuilt = useCallback((b: Built) => setBuilt(b), []);
  const key = useMemo(() => JSON.stringify(built?.resources ?? []), [built]);
  const schema = useMemo(() => schemaCauses(built), [built]);
  const formOk = Boolean(built && built.problems.length === 0 && schema.length === 0 && built.resources.length > 0);
  const dry = useDryRun(built, key, formOk);
  const refused = [...schema, ...(dry && !dry.ok && dry.error instanceof ApplyError ? dry.error.causes : []), ...(notice?.causes ?? [])];
  const extra = causesToProblems(refused, built?.fields);
  const plan = removalPlan(ctx.live);
  const warnings = [...(built?.warnings ?? []), ...replaceWarnings(ctx, wizard, built?.resources ?? [])];
  const canRemove = plan.deletes.length + plan.restores.length > 0;

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      setNotice({ tone: 'ok', text: await work() });
      reload();
    } catch (error) {
      setNotice({ tone: 'bad', text: (error as Error).message, causes: error instanceof ApplyError ? error.causes : [] });
    } finally {
      setBusy(false);
    }
  };
  const apply = () => run(async () => `Applied: ${(await applyAll(built?.resources ?? [])).items.map((i) => `${i.kind} ${i.name} ${i.action}`).join(', ')}.`);
  const remove = () => run(async () => `Removed: ${(await removeWizardConfig(ctx)).join(', ')}.`);

  const status = !built ? 'Building…' : built.problems.length === 0 && built.resources.length === 0 ? 'Nothing to apply.' : built.problems.length > 0 ? `Fix ${built.problems.length} problem(s) in the form.` : schema.length > 0 ? 'The schema refuses this.' : !dry ? 'Checking with the server…' : dry.ok ? 'The server accepts this (dry run).' : 'The server refuses this.';
  return (
    <div className="wz-grid">
      <Card title="Settings" className="wz-form-card">
        <Form ctx={ctx} onBuilt={onBuilt} extra={extra} />
        {warnings.length ? (
          <ul className="wz-warnings" aria-label="Warnings">
            {warnings.map((w) => (
              <li key={w}>
                <Pill tone="warn">warning</Pill> {w}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card title="Preview" className="wz-preview">
        <Preview resources={built?.resources ?? []} live={ctx.live} />
        {schema.length > 0 ? <CauseList causes={schema} /> : null}
        {dry && !dry.ok ? <CauseList causes={dry.error instanceof ApplyError && dry.error.causes.length ? dry.error.causes : [{ message: dry.error.message }]} /> : null}
        <p className={`wz-status ${dry?.ok && formOk ? 'ok' : ''}`} data-testid="wizard-status">
          {status}
        </p>
        <div className="wz-actions">
          <button type="button" className="btn primary" disabled={busy || !formOk || !dry?.ok} onClick={apply}>
            Apply
          </button>
          <button type="button" className="btn" disabled={busy || !canRemove} onClick={remove} title="Delete what the wizards created on this service and restore the rules they changed">
            Remove wizard routing
          </button>
        </div>
        {notice ? (
          <div className={`notice ${notice.tone}`} role={notice.tone === 'ok' ? 'status' : 'alert'}>
            {notice.text}
            {notice.causes?.length ? <CauseList causes={notice.causes} /> : null}
          </div>
        ) : null}
      </Card>
    </div>
  );
}

function WizardNav({ current, namespace, service }: { current: string; namespace: string; service: string }) {
  return (
    <nav className="wz-nav" aria-label="Wizards">
      {WIZARDS.map((w) => (
        <Link key={w.id} to={`/wizards/${w.id}/${namespace}/${service}`} className={w.id === current ? 'active' : undefined} title={w.summary}>
          {w.title}
        </Link>
      ))}
    </nav>
  );
}

export default function WizardPage({ wizard, namespace, service }: { wizard: string; namespace: string; service: string }) {
  const meta = wizardById(wizard);
  const ctx = useFetch((s) => loadContext(namespace, service, s), [namespace, service]);
  return (
    <div className="page">
      <PageHeader
        title={meta ? `${meta.title}: ${service}` : 'No such wizard'}
        subtitle={
          <>
            <Link to="/services">Services</Link> / <Link to={`/services/${namespace}/${service}`}>{`${namespace}/${service}`}</Link>
            {meta ? ` — ${meta.summary}` : null}
          </>
        }
      />
      <WizardNav current={wizard} namespace={namespace} service={service} />
      {!meta ? (
        <Empty title="No such wizard">Pick one of the wizards above.</Empty>
      ) : (
        <Async {...ctx}>
          {(c) => (c ? <WizardBody wizard={meta.id} ctx={c} reload={ctx.reload} /> : <Empty title="No such service">{`${namespace}/${service} is not in the registry.`}</Empty>)}
        </Async>
      )}
    </div>
  );
}
