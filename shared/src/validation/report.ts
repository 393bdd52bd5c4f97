// Collects every problem and warning of one validation run, each with its Kubernetes
// field path, in apiserver wording (k8s.io/apimachinery field.Error.Error()).
import type { FieldProblem, FieldReason } from '../errors/index.js';

/** A value as the apiserver prints it in a message: strings quoted, long ones cut. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 100 ? `${text.slice(0, 96)}..."` : text;
}

/** `base.key`, or `key` at the root. */
export const child = (base: string, key: string): string => (base ? `${base}.${key}` : key);
/** `base[i]` for list items and map keys, as Kubernetes prints them. */
export const at = (base: string, key: string | number): string => `${base}[${key}]`;

export class Report {
  readonly problems: FieldProblem[] = [];
  readonly warnings: string[] = [];

  private add(field: string, reason: FieldReason, message: string): void {
    this.problems.push({ field, reason, message });
  }

  /** `Invalid value: <v>: <detail>` */
  invalid(field: string, value: unknown, detail: string): void {
    this.add(field, 'FieldValueInvalid', `Invalid value: ${show(value)}: ${detail}`);
  }

  /** `Required value: <detail>` */
  required(field: string, detail: string): void {
    this.add(field, 'FieldValueRequired', `Required value: ${detail}`);
  }

  /** `Forbidden: <detail>` */
  forbidden(field: string, detail: string): void {
    this.add(field, 'FieldValueForbidden', `Forbidden: ${detail}`);
  }

  /** `Duplicate value: <v>: <detail>` */
  duplicate(field: string, value: unknown, detail: string): void {
    this.add(field, 'FieldValueDuplicate', `Duplicate value: ${show(value)}: ${detail}`);
  }

  /** `Unsupported value: <v>: supported values: "a", "b"` */
  notSupported(field: string, value: unknown, supported: readonly string[]): void {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    this.add(field, 'FieldValueNotSupported', `Unsupported value: ${show(value)}: supported values: ${list}`);
  }

  /** `Too long: <detail>` */
  tooLong(field: string, detail: string): void {
    this.add(field, 'FieldValueTooLong', `Too long: ${detail}`);
  }

  /** An error message from a shared check (hosts, values, regex) reported as an invalid value, when there is one. */
  check(field: string, value: unknown, error: string | undefined): void {
    if (error !== undefined) this.invalid(field, value, error);
  }

  /** Istio's warnings: accepted, shown to the user as `path: text`. */
  warn(field: string, text: string): void {
    this.warnings.push(field ? `${field}: ${text}` : text);
  }
}
