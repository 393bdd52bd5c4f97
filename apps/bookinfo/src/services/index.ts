// The Bookinfo apps: one factory per service (a request listener, or started on 127.0.0.1).
export { type CallRequest, type CallResult, type Client, createClient, type Outbound, PROPAGATED_HEADERS, propagatedHeaders } from './call.js';
export { bookDetails, createDetails, type DetailsOptions, startDetails } from './details.js';
export { createProductpage, PRODUCTPAGE_DEFAULTS, type ProductpageOptions, startProductpage } from './productpage.js';
export { DETAILS_UNAVAILABLE, REVIEWS_UNAVAILABLE } from './productpage-html.js';
export { parseCookies, SESSION_COOKIE, sessionUser } from './productpage-session.js';
export {
  createRatings,
  NO_FAULT,
  parseRatingsFault,
  type RatingsControl,
  type RatingsFault,
  type RatingsListener,
  type RatingsOptions,
  type RunningRatings,
  startRatings,
} from './ratings.js';
export {
  createReviews,
  RATINGS_TIMEOUT_MS,
  RATINGS_UNAVAILABLE,
  type Rating,
  type Review,
  type ReviewsOptions,
  type ReviewsResponse,
  type ReviewsVersion,
  startReviews,
} from './reviews.js';
export { type ListenOptions, listen, type RunningService } from './server.js';
