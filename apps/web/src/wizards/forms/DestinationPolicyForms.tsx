// Load balancer (per service and per subset) and circuit breaker (connection pool and
// outlier detection, the tutorial's values one click away).
import { useState } from 'react';
import { type BalancerChoice, breakerFromLive, buildBalancer, buildBreaker, balancerFromLive, type Simple, type StickyBy, TUTORIAL_BREAKER } from '../destination-policy.js';
import { FieldError, Section, SelectField, TextField } from '../fields.js';
import type { FormProblem } from '../model.js';
import { type FormProps, useBuilt } from './form.js';

const MODES = [
  ['default', 'Default (inherit / least request)'],
  ['simple', 'Simple'],
  ['sticky', 'Sticky session'],
] as const;
const SIMPLE = [
  ['ROUND_ROBIN', 'Round robin'],
  ['RANDOM', 'Random'],
  ['LEAST_REQUEST', 'Least request'],
] as const;
const STICKY = [
  ['cookie', 'Cookie'],
  ['header', 'Header'],
  ['sourceIp', 'Source IP'],
  ['query', 'Query parameter'],
] as const;

function ChoiceFields({ scope, c, problems, onChange }: { scope: string; c: BalancerChoice; problems: readonly FormProblem[]; onChange: (c: BalancerChoice) => void }) {
  const where = scope ? `subset ${scope}` : 'service';
  return (
    <>
      <SelectField label={`Policy for ${where}`} field={`mode-${scope}`} problems={problems} value={c.mode} options={MODES} onChange={(mode) => onChange({ ...c, mode })} />
      {c.mode === 'simple' ? <SelectField label={`Algorithm for ${where}`} field={`simple-${scope}`} problems={problems} value={c.simple} options={SIMPLE} onChange={(simple: Simple) => onChange({ ...c, simple })} /> : null}
      {c.mode === 'sticky' ? (
        <>
          <SelectField label={`Sticky by (${where})`} field={`sticky-by-${scope}`} problems={problems} value={c.sticky.by} options={STICKY} onChange={(by: StickyBy) => onChange({ ...c, sticky: { ...c.sticky, by } })} />
          {c.sticky.by !== 'sourceIp' ? <TextField label={`Name (${where})`} field={`sticky-name-${scope}`} problems={problems} value={c.sticky.name} onChange={(name) => onChange({ ...c, sticky: { ...c.sticky, name } })} width="9em" /> : null}
          {c.sticky.by === 'cookie' ? <TextField label={`Cookie TTL (${where})`} field={`sticky-ttl-${scope}`} problems={problems} value={c.sticky.ttl} onChange={(ttl) => onChange({ ...c, sticky: { ...c.sticky, ttl } })} width="7em" hint="Set, a missing cookie is generated." /> : null}
        </>
      ) : null}
    </>
  );
}

export function BalancerForm({ ctx, onBuilt, extra }: FormProps) {
  const [s, set] = useState(() => balancerFromLive(ctx));
  const { problems } = useBuilt(ctx, s, buildBalancer, onBuilt, extra);
  return (
    <div className="wz-form">
      {['', ...ctx.subsets].map((scope) => (
        <Section key={scope} title={scope ? `Subset ${scope} (overrides the service)` : `Service ${ctx.service}`}>
          <ChoiceFields scope={scope} c={s[scope] as BalancerChoice} problems={problems} onChange={(c) => set({ ...s, [scope]: c })} />
        </Section>
      ))}
    </div>
  );
}

export function BreakerForm({ ctx, onBuilt, extra }: FormProps) {
  const [s, set] = useState(() => breakerFromLive(ctx));
  const { problems } = useBuilt(ctx, s, buildBreaker, onBuilt, extra);
  const p = s.pool;
  const o = s.outlier;
  const pool = (patch: Partial<typeof p>) => set({ ...s, pool: { ...p, ...patch } });
  const outlier = (patch: Partial<typeof o>) => set({ ...s, outlier: { ...o, ...patch } });
  return (
    <div className="wz-form">
      <div className="wz-row">
        <button type="button" className="btn" onClick={() => set(TUTORIAL_BREAKER)}>
          Use the tutorial's values (6.13)
        </button>
      </div>
      <Section title="Connection pool" enabled={p.enabled} onToggle={(enabled) => pool({ enabled })}>
        <TextField label="Max connections" field="max-connections" problems={problems} value={p.maxConnections} onChange={(maxConnections) => pool({ maxConnections })} width="7em" />
        <TextField label="Connect timeout" field="connect-timeout" problems={problems} value={p.connectTimeout} onChange={(connectTimeout) => pool({ connectTimeout })} width="7em" />
        <TextField label="Max requests in flight" field="max-requests" problems={problems} value={p.maxRequests} onChange={(maxRequests) => pool({ maxRequests })} width="7em" hint="http2MaxRequests (HTTP/1.1 too)" />
        <TextField label="Max requests per connection" field="per-connection" problems={problems} value={p.maxRequestsPerConnection} onChange={(maxRequestsPerConnection) => pool({ maxRequestsPerConnection })} width="7em" />
        <TextField label="Max pending requests" field="max-pending" problems={problems} value={p.maxPending} onChange={(maxPending) => pool({ maxPending })} width="7em" />
      </Section>
      <Section title="Outlier detection" enabled={o.enabled} onToggle={(enabled) => outlier({ enabled })}>
        <TextField label="Consecutive 5xx errors" field="consecutive-5xx" problems={problems} value={o.consecutive5xx} onChange={(consecutive5xx) => outlier({ consecutive5xx })} width="7em" />
        <TextField label="Consecutive gateway errors" field="consecutive-gateway" problems={problems} value={o.consecutiveGateway} onChange={(consecutiveGateway) => outlier({ consecutiveGateway })} width="7em" />
        <TextField label="Interval" field="interval" problems={problems} value={o.interval} onChange={(interval) => outlier({ interval })} width="7em" />
        <TextField label="Base ejection time" field="base-ejection" problems={problems} value={o.baseEjectionTime} onChange={(baseEjectionTime) => outlier({ baseEjectionTime })} width="7em" />
        <TextField label="Max ejection percent" field="max-ejection" problems={problems} value={o.maxEjectionPercent} onChange={(maxEjectionPercent) => outlier({ maxEjectionPercent })} width="7em" />
      </Section>
      <FieldError field="breaker" problems={problems} />
    </div>
  );
}
