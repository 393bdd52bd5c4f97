// Settings both test stages share: resolve workspace packages to their TypeScript
// sources (the `source` export condition), so tests never need a build first.
import { defaultServerConditions } from 'vite';

export const sourceConditions = ['source', ...defaultServerConditions];
export const resolveSource = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['source'] } },
};
