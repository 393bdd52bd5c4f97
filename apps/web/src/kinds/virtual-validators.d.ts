// The module vite-validators.ts generates: each kind's Ajv validator by kind name.
declare module 'virtual:rudder-validators' {
  const validators: Readonly<Record<string, unknown>>;
  export default validators;
}
