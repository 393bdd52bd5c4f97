// Labelled form controls for the wizards. Each takes the form's problems and shows the
// one for its field right under the control (aria-invalid + aria-describedby), so a refused
// value is named where it is typed.
import { type ReactNode, useId } from 'react';
import type { FormProblem } from './model.js';

export interface FieldProps {
  label: string;
  /** The problem key (`FormProblem.field`) this control answers for. */
  field: string;
  problems: readonly FormProblem[];
  hint?: string;
}

export function FieldError({ field, problems, id }: { field: string; problems: readonly FormProblem[]; id?: string }) {
  const mine = problems.filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <span className="wz-error" id={id} data-field={field}>
      {mine.map((p) => p.message).join(' ')}
    </span>
  );
}

function Wrapped({ label, field, problems, hint, children }: FieldProps & { children: (id: string, invalid: boolean, describedBy?: string) => ReactNode }) {
  const id = useId();
  const invalid = problems.some((p) => p.field === field);
  return (
    <span className="wz-field">
      <label htmlFor={id}>{label}</label>
      {children(id, invalid, invalid ? `${id}-err` : undefined)}
      {hint ? <small className="muted">{hint}</small> : null}
      <FieldError field={field} problems={problems} id={`${id}-err`} />
    </span>
  );
}

export function TextField(props: FieldProps & { value: string; onChange: (v: string) => void; placeholder?: string; type?: 'text' | 'number'; width?: string }) {
  const { value, onChange, placeholder, type = 'text', width } = props;
  return (
    <Wrapped {...props}>
      {(id, invalid, describedBy) => (
        <input
          id={id}
          type={type}
          value={value}
          placeholder={placeholder}
          className={invalid ? 'invalid' : undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          style={width ? { width } : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Wrapped>
  );
}

export function SelectField<T extends string>(props: FieldProps & { value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void }) {
  const { value, options, onChange } = props;
  return (
    <Wrapped {...props}>
      {(id, invalid, describedBy) => (
        <select id={id} value={value} aria-invalid={invalid} aria-describedby={describedBy} className={invalid ? 'invalid' : undefined} onChange={(e) => onChange(e.target.value as T)}>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Wrapped>
  );
}

/** A subset picker; '' (the whole service) first when allowed. */
export function SubsetField({ subsets, allowWhole = true, ...props }: FieldProps & { value: string; subsets: readonly string[]; allowWhole?: boolean; onChange: (v: string) => void }) {
  const options = [...(allowWhole ? ([['', 'Whole service (every version)']] as const) : ([['', 'Pick a subset']] as const)), ...subsets.map((s) => [s, s] as const)];
  return <SelectField {...props} options={options} />;
}

export function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="wz-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** A group of fields with a heading and an optional switch that turns it on. */
export function Section({ title, enabled, onToggle, children, actions }: { title: string; enabled?: boolean; onToggle?: (v: boolean) => void; children: ReactNode; actions?: ReactNode }) {
  return (
    <fieldset className={enabled === false ? 'wz-section off' : 'wz-section'}>
      <legend>
        {onToggle ? <Check label={title} checked={Boolean(enabled)} onChange={onToggle} /> : title}
      </legend>
      {actions ? <div className="wz-section-actions">{actions}</div> : null}
      {enabled === false ? null : <div className="wz-row">{children}</div>}
    </fieldset>
  );
}
