// Follows /rudder/v1/validations?watch=true (NDJSON): the whole list again after every
// recomputation, so the Istio Config page's states change without a reload.
import { useEffect, useState } from 'react';
import { followNdjson } from '../api/ndjson.js';
import type { ResourceValidation } from '@rudder/shared/protocol';

export function useValidations(): { items?: ResourceValidation[]; error?: Error } {
  const [state, setState] = useState<{ items?: ResourceValidation[]; error?: Error }>({});
  useEffect(
    () =>
      // Each line is the whole list again: the latest one wins.
      followNdjson<{ items: ResourceValidation[] }>(
        '/rudder/v1/validations?watch=true',
        'validations',
        (list) => setState({ items: list.items }),
        (error) => setState((s) => ({ ...s, error })),
      ),
    [],
  );
  return state;
}
