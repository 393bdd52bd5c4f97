// Request routing: ordered rules of conditions → subset, reorderable, then the default
// route. Warnings name rules that an earlier catch-all makes unreachable.
import { useState } from 'react';
import { FieldError, SelectField, SubsetField, TextField } from '../fields.js';
import type { FormProblem } from '../model.js';
import { buildRouting, type Condition, type ConditionType, METHODS, type MatchOp, newCondition, type RoutingRule, routingFromLive } from '../request-routing.js';
import { type FormProps, useBuilt } from './form.js';

const TYPES = [
  ['header', 'Header'],
  ['query', 'Query parameter'],
  ['uri', 'URI'],
  ['method', 'Method'],
] as const;
const OPS = [
  ['exact', 'exact'],
  ['prefix', 'prefix'],
  ['regex', 'regex'],
] as const;

function ConditionRow({ c, at, problems, onChange, onRemove }: { c: Condition; at: string; problems: readonly FormProblem[]; onChange: (c: Condition) => void; onRemove: () => void }) {
  const label = at.replace(/-/g, ' ');
  return (
    <div className="wz-row wz-condition">
      <SelectField label="Match on" field={`${at}-type`} problems={problems} value={c.type} options={TYPES} onChange={(type: ConditionType) => onChange({ ...c, type, ...(type === 'method' ? { op: 'exact', value: 'GET' } : {}) })} />
      {c.type === 'header' || c.type === 'query' ? <TextField label="Name" field={`${at}-name`} problems={problems} value={c.name} onChange={(name) => onChange({ ...c, name })} width="9em" /> : null}
      {c.type === 'method' ? (
        <SelectField label="Method" field={`${at}-value`} problems={problems} value={c.value} options={METHODS.map((m) => [m, m] as const)} onChange={(value) => onChange({ ...c, value })} />
      ) : (
        <>
          <SelectField label="Operator" field={`${at}-op`} problems={problems} value={c.op} options={OPS} onChange={(op: MatchOp) => onChange({ ...c, op })} />
          <TextField label="Value" field={`${at}-value`} problems={problems} value={c.value} onChange={(value) => onChange({ ...c, value })} width="11em" />
        </>
      )}
      {c.type === 'uri' ? (
        <label className="wz-check">
          <input type="checkbox" checked={c.ignoreCase} onChange={(e) => onChange({ ...c, ignoreCase: e.target.checked })} />
          Ignore case
        </label>
      ) : null}
      <button type="button" className="btn small ghost" onClick={onRemove} aria-label={`Remove ${label}`}>
        Remove
      </button>
    </div>
  );
}

function RuleCard({ rule, index, count, ctx, problems, onChange, onMove, onRemove }: { rule: RoutingRule; index: number; count: number; ctx: FormProps['ctx']; problems: readonly FormProblem[]; onChange: (r: RoutingRule) => void; onMove: (d: -1 | 1) => void; onRemove: () => void }) {
  const n = index + 1;
  const setCondition = (k: number, c: Condition) => onChange({ ...rule, conditions: rule.conditions.map((x, i) => (i === k ? c : x)) });
  return (
    <fieldset className="wz-section wz-rule" data-testid={`rule-${n}`}>
      <legend>Rule {n}</legend>
      <div className="wz-section-actions">
        <button type="button" className="btn small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move rule ${n} up`}>
          ↑
        </button>
        <button type="button" className="btn small" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move rule ${n} down`}>
          ↓
        </button>
        <button type="button" className="btn small ghost" onClick={onRemove} aria-label={`Delete rule ${n}`}>
          Delete
        </button>
      </div>
      {rule.conditions.map((c, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
        <ConditionRow key={k} c={c} at={`rule-${n}-condition-${k + 1}`} problems={problems} onChange={(x) => setCondition(k, x)} onRemove={() => onChange({ ...rule, conditions: rule.conditions.filter((_, i) => i !== k) })} />
      ))}
      <FieldError field={`rule-${n}`} problems={problems} />
      <div className="wz-row">
        <button type="button" className="btn small" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, newCondition()] })}>
          Add condition
        </button>
        <SubsetField label={`Rule ${n} routes to`} field={`rule-${n}-subset`} problems={problems} value={rule.subset} subsets={ctx.subsets} allowWhole={false} onChange={(subset) => onChange({ ...rule, subset })} />
      </div>
    </fieldset>
  );
}

export function RoutingForm({ ctx, onBuilt, extra }: FormProps) {
  const [state, setState] = useState(() => routingFromLive(ctx));
  const { problems } = useBuilt(ctx, state, buildRouting, onBuilt, extra);
  const setRules = (f: (rules: RoutingRule[]) => RoutingRule[]) => setState((s) => ({ ...s, rules: f(s.rules) }));
  const move = (i: number, d: -1 | 1) =>
    setRules((rules) => {
      const next = [...rules];
      const [r] = next.splice(i, 1);
      if (r) next.splice(i + d, 0, r);
      return next;
    });
  return (
    <div className="wz-form">
      {state.rules.map((rule, i) => (
        <RuleCard
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are identified by their position, which is what they mean
          key={i}
          rule={rule}
          index={i}
          count={state.rules.length}
          ctx={ctx}
          problems={problems}
          onChange={(r) => setRules((rules) => rules.map((x, k) => (k === i ? r : x)))}
          onMove={(d) => move(i, d)}
          onRemove={() => setRules((rules) => rules.filter((_, k) => k !== i))}
        />
      ))}
      <div className="wz-row">
        <button type="button" className="btn" onClick={() => setRules((rules) => [...rules, { conditions: [newCondition()], subset: ctx.subsets[0] ?? '' }])}>
          Add rule
        </button>
        <SubsetField label="Everything else goes to" field="default" problems={problems} value={state.defaultSubset} subsets={ctx.subsets} onChange={(defaultSubset) => setState((s) => ({ ...s, defaultSubset }))} />
      </div>
    </div>
  );
}
