// Starts the right Bookinfo app for an instance of the topology (the sandbox's StartApp).
import type { StartApp } from './sandbox.js';
import { startDetails, startProductpage, startRatings, startReviews, type ReviewsVersion } from './services/index.js';

export const startBookinfoApp: StartApp = async (spec, outbound) => {
  switch (spec.app) {
    case 'productpage':
      return startProductpage({ instance: spec.name, outbound });
    case 'details':
      return startDetails({ instance: spec.name });
    case 'reviews':
      return startReviews({ instance: spec.name, outbound, version: spec.version as ReviewsVersion });
    case 'ratings': {
      const ratings = await startRatings({ instance: spec.name });
      return { port: ratings.port, close: ratings.close, setFault: (fault) => void ratings.setFault(fault) };
    }
  }
};
