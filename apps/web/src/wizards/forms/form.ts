// What every wizard form receives: the service's context, and a callback that hears the
// objects the form would write (with its problems) after every change.
import { useEffect, useMemo } from 'react';
import type { Built, FormProblem, WizardContext } from '../model.js';

export interface FormProps {
  ctx: WizardContext;
  onBuilt: (built: Built) => void;
  /** Problems found outside the form (schema, server dry run), already mapped to its controls. */
  extra: readonly FormProblem[];
}

/** Builds on every state change and reports it; returns the problems to show beside the controls. */
export function useBuilt<S>(ctx: WizardContext, state: S, build: (ctx: WizardContext, state: S) => Built, onBuilt: (b: Built) => void, extra: readonly FormProblem[]): { problems: FormProblem[] } {
  const built = useMemo(() => build(ctx, state), [ctx, state, build]);
  useEffect(() => onBuilt(built), [built, onBuilt]);
  return { problems: [...built.problems, ...extra] };
}
