// Fault injection, timeout and retries, and mirroring: one route (the service or a
// subset) with its policy.
import { useState } from 'react';
import { Check, FieldError, Section, SubsetField, TextField } from '../fields.js';
import { buildFault, buildMirror, buildTimeout, faultFromLive, mirrorFromLive, RETRY_ON, timeoutFromLive } from '../route-policy.js';
import { type FormProps, useBuilt } from './form.js';

export function FaultForm({ ctx, onBuilt, extra }: FormProps) {
  const [s, set] = useState(() => faultFromLive(ctx));
  const { problems } = useBuilt(ctx, s, buildFault, onBuilt, extra);
  return (
    <div className="wz-form">
      <Section title="Delay" enabled={s.delay.enabled} onToggle={(enabled) => set({ ...s, delay: { ...s.delay, enabled } })}>
        <TextField label="Delay percentage" field="delay-percent" problems={problems} value={s.delay.percent} onChange={(percent) => set({ ...s, delay: { ...s.delay, percent } })} width="7em" />
        <TextField label="Fixed delay" field="delay-fixed" problems={problems} value={s.delay.fixedDelay} onChange={(fixedDelay) => set({ ...s, delay: { ...s.delay, fixedDelay } })} placeholder="7s" width="7em" />
      </Section>
      <Section title="Abort" enabled={s.abort.enabled} onToggle={(enabled) => set({ ...s, abort: { ...s.abort, enabled } })}>
        <TextField label="Abort percentage" field="abort-percent" problems={problems} value={s.abort.percent} onChange={(percent) => set({ ...s, abort: { ...s.abort, percent } })} width="7em" />
        <TextField label="HTTP status" field="abort-status" problems={problems} value={s.abort.httpStatus} onChange={(httpStatus) => set({ ...s, abort: { ...s.abort, httpStatus } })} width="6em" />
      </Section>
      <FieldError field="fault" problems={problems} />
      <Section title="Who and where">
        <TextField label="Only for signed-in user" field="user" problems={problems} value={s.user} onChange={(user) => set({ ...s, user })} placeholder="everyone" hint="Matches the end-user header productpage forwards." />
        <SubsetField label="Route to" field="subset" problems={problems} value={s.subset} subsets={ctx.subsets} onChange={(subset) => set({ ...s, subset })} />
      </Section>
    </div>
  );
}

export function TimeoutForm({ ctx, onBuilt, extra }: FormProps) {
  const [s, set] = useState(() => timeoutFromLive(ctx));
  const { problems } = useBuilt(ctx, s, buildTimeout, onBuilt, extra);
  const r = s.retries;
  const toggle = (cond: string, on: boolean) => set({ ...s, retries: { ...r, retryOn: on ? [...r.retryOn, cond] : r.retryOn.filter((c) => c !== cond) } });
  return (
    <div className="wz-form">
      <Section title="Route">
        <TextField label="Timeout" field="timeout" problems={problems} value={s.timeout} onChange={(timeout) => set({ ...s, timeout })} placeholder="none" hint="The whole request, retries included (e.g. 0.5s)." width="8em" />
        <SubsetField label="Route to" field="subset" problems={problems} value={s.subset} subsets={ctx.subsets} onChange={(subset) => set({ ...s, subset })} />
      </Section>
      <Section title="Retries" enabled={r.enabled} onToggle={(enabled) => set({ ...s, retries: { ...r, enabled } })}>
        <TextField label="Attempts" field="attempts" problems={problems} value={r.attempts} onChange={(attempts) => set({ ...s, retries: { ...r, attempts } })} width="6em" />
        <TextField label="Per-try timeout" field="per-try" problems={problems} value={r.perTryTimeout} onChange={(perTryTimeout) => set({ ...s, retries: { ...r, perTryTimeout } })} placeholder="route timeout" width="8em" />
        <fieldset className="wz-checks">
          <legend>Retry on (Envoy conditions)</legend>
          {RETRY_ON.map((cond) => (
            <Check key={cond} label={cond} checked={r.retryOn.includes(cond)} onChange={(on) => toggle(cond, on)} />
          ))}
          <FieldError field="retry-on" problems={problems} />
        </fieldset>
      </Section>
    </div>
  );
}

export function MirrorForm({ ctx, onBuilt, extra }: FormProps) {
  const [s, set] = useState(() => mirrorFromLive(ctx));
  const { problems } = useBuilt(ctx, s, buildMirror, onBuilt, extra);
  return (
    <div className="wz-form">
      <Section title="Live traffic">
        <SubsetField label="Route to" field="subset" problems={problems} value={s.subset} subsets={ctx.subsets} onChange={(subset) => set({ ...s, subset })} />
      </Section>
      <Section title="Mirror">
        <TextField label="Mirror host" field="mirror-host" problems={problems} value={s.mirrorHost} onChange={(mirrorHost) => set({ ...s, mirrorHost })} width="12em" />
        <SubsetField label="Mirror subset" field="mirror-subset" problems={problems} value={s.mirrorSubset} subsets={s.mirrorHost === ctx.service ? ctx.subsets : []} onChange={(mirrorSubset) => set({ ...s, mirrorSubset })} />
        <TextField label="Mirror percentage" field="mirror-percent" problems={problems} value={s.percent} onChange={(percent) => set({ ...s, percent })} width="7em" />
      </Section>
    </div>
  );
}
