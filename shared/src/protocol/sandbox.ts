// The Bookinfo sandbox's scenario catalogue as its control API answers it (GET
// /rudder/v1/sandbox/scenarios, relayed by the server): the tutorial's sections 6.1 … 6.13, each
// a scenario.json plus the YAML it applies; and its traffic generator's settings (GET and PUT
// /rudder/v1/sandbox/traffic). Browser-safe types; the sandbox reads the files.

/** A set of files applied instead of the scenario's own, e.g. 6.10's other balancers. */
export interface ScenarioVariant {
  id: string;
  title: string;
  files: string[];
}

/** What the sandbox sets on one ratings instance while the scenario is applied. */
export interface RatingsFaultSetting {
  /** Instance name, e.g. `ratings-v1-1`. */
  instance: string;
  /** 0..1 */
  errorRate?: number;
  delayMs?: number;
}

/** One scenario of the list: its scenario.json and the folder it comes from. */
export interface SandboxScenario {
  /** `6.1` … `6.13`, `6.8b` */
  id: string;
  title: string;
  /** The tutorial section it comes from (6.8b: `6.8`). */
  section: string;
  /** The tutorial's explanation, in our words. */
  summary: string;
  /** What to watch in the dashboard, the browser or curl. */
  lookFor: string[];
  /** Where today's Istio (and Rudder) differs from the tutorial, and what was fixed in its YAML. */
  istioDiffers: string[];
  /** What the scenario needs besides its main YAML, in words (precondition files included). */
  preconditions: string[];
  /** YAML files applied in order after the reset. */
  files: string[];
  /** The user to sign in as, for sections that match on end-user. */
  signInAs?: string;
  ratingsFault?: RatingsFaultSetting;
  variants?: ScenarioVariant[];
  /** Folder name, e.g. `6.1-canary`. */
  folder: string;
}

/** GET /rudder/v1/sandbox/scenarios: the catalogue in tutorial order and the scenario applied now. */
export interface ScenarioList {
  active?: string;
  items: SandboxScenario[];
}

/** The sandbox's traffic generator, as PUT /rudder/v1/sandbox/traffic takes it (any subset). */
export interface TrafficSettings {
  enabled: boolean;
  /** Requests per second. */
  rate: number;
  /** Signed-in users; each request picks one of them or anonymous, evenly. */
  users: string[];
}

/** GET /rudder/v1/sandbox/traffic: the settings and what was sent so far. */
export interface TrafficState extends TrafficSettings {
  sent: number;
  failed: number;
}
