// Value types shared by the model, the proxy and the dashboard.
export { formatDuration, parseDuration } from './duration.js';
export { parsePercent, percentToFraction } from './percent.js';
