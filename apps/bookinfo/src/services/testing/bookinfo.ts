// Test fixture: every Bookinfo app on a random 127.0.0.1 port behind one fake sidecar, with
// reviews routed to the version the test asks for.
import { startDetails } from '../details.js';
import { type ProductpageOptions, startProductpage } from '../productpage.js';
import { type RunningRatings, startRatings } from '../ratings.js';
import { type ReviewsVersion, startReviews } from '../reviews.js';
import type { RunningService } from '../server.js';
import { type FakeSidecar, startFakeSidecar } from './fake-sidecar.js';

export interface TestBookinfo {
  sidecar: FakeSidecar;
  productpage: RunningService;
  details: RunningService;
  reviews: Record<ReviewsVersion, RunningService>;
  ratings: RunningRatings;
  /** Routes `reviews` to one version. */
  useReviews(version: ReviewsVersion): void;
  close(): Promise<void>;
}

export async function startTestBookinfo(
  productpage: Omit<ProductpageOptions, 'outbound'> = {},
  ratingsTimeoutMs?: number,
): Promise<TestBookinfo> {
  const sidecar = await startFakeSidecar();
  const { outbound } = sidecar;
  const [page, details, ratings, v1, v2, v3] = await Promise.all([
    startProductpage({ ...productpage, outbound, instance: 'productpage-v1-1' }),
    startDetails({ instance: 'details-v1-1' }),
    startRatings({ instance: 'ratings-v1-1' }),
    startReviews({ version: 'v1', instance: 'reviews-v1-1', outbound, ratingsTimeoutMs }),
    startReviews({ version: 'v2', instance: 'reviews-v2-1', outbound, ratingsTimeoutMs }),
    startReviews({ version: 'v3', instance: 'reviews-v3-1', outbound, ratingsTimeoutMs }),
  ]);
  const reviews = { v1, v2, v3 };
  sidecar.route('productpage', page.port);
  sidecar.route('details', details.port);
  sidecar.route('ratings', ratings.port);
  sidecar.route('reviews', v1.port);
  return {
    sidecar,
    productpage: page,
    details,
    reviews,
    ratings,
    useReviews: (version) => sidecar.route('reviews', reviews[version].port),
    close: async () => {
      await Promise.all([page, details, ratings, v1, v2, v3].map((s) => s.close()));
      await sidecar.close();
    },
  };
}
