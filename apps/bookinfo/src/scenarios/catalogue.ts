// The tutorial's sections as scenarios: one folder per section under catalogue/ (a
// scenario.json and its YAML files, applied in order after a reset to the baseline), and
// the baseline itself in catalogue/baseline/ (inside catalogue/ because the build copies
// only that folder to dist/). Node-only: reads the files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@rudder/shared/kinds';
import type { SandboxScenario } from '@rudder/shared/protocol';
import { parseYamlDocuments } from '@rudder/shared/yaml';

/** The folder of the shipped catalogue (src/ under tests, dist/ once built). */
export const CATALOGUE_DIR = fileURLToPath(new URL('./catalogue', import.meta.url));
export const BASELINE_FOLDER = 'baseline';

export type { RatingsFaultSetting, ScenarioList, ScenarioVariant } from '@rudder/shared/protocol';

/** scenario.json: a scenario as the API lists it, less the folder it is read from. */
export type ScenarioFile = Omit<SandboxScenario, 'folder'>;

/** A loaded scenario: the API's shape plus where its files are (Node-only, never sent). */
export interface Scenario extends SandboxScenario {
  /** Absolute path of the folder. */
  dir: string;
}

/** A scenario as GET /scenarios answers it: without `dir`, a path on the sandbox's disk. */
export function listedScenario({ dir: _dir, ...scenario }: Scenario): SandboxScenario {
  return scenario;
}

export interface Baseline {
  title: string;
  summary: string;
  files: string[];
}

/** Sections in tutorial order: 6.2 before 6.10, 6.8 before 6.8b. */
export function compareIds(a: string, b: string): number {
  const key = (id: string) => /^(\d+)\.(\d+)(.*)$/.exec(id) ?? [id, '0', '0', id];
  const [, aMajor, aMinor, aRest] = key(a);
  const [, bMajor, bMinor, bRest] = key(b);
  return Number(aMajor) - Number(bMajor) || Number(aMinor) - Number(bMinor) || String(aRest).localeCompare(String(bRest));
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Every scenario of the catalogue, in tutorial order. */
export function loadCatalogue(dir: string = CATALOGUE_DIR): Scenario[] {
  const scenarios = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'scenario.json')))
    .map((entry) => {
      const folderDir = join(dir, entry.name);
      const file = readJson<ScenarioFile>(join(folderDir, 'scenario.json'));
      return { ...file, folder: entry.name, dir: folderDir };
    });
  return scenarios.sort((a, b) => compareIds(a.id, b.id));
}

export function findScenario(scenarios: readonly Scenario[], id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id || s.folder === id);
}

/** YAML files of a folder as one multi-document stream (`---` between files), in order. */
export function readYaml(dir: string, files: readonly string[]): string {
  return `${files.map((file) => readFileSync(join(dir, file), 'utf8').trimEnd()).join('\n---\n')}\n`;
}

function filesOf(scenario: Scenario, variantId: string | undefined): string[] {
  if (variantId === undefined) return scenario.files;
  const variant = scenario.variants?.find((v) => v.id === variantId);
  if (!variant) throw new Error(`scenario ${scenario.id} has no variant "${variantId}"`);
  return variant.files;
}

/** What a scenario applies (or one of its variants), as one YAML stream ready for /rudder/v1/apply. */
export function scenarioDocuments(scenario: Scenario, variantId?: string): string {
  return readYaml(scenario.dir, filesOf(scenario, variantId));
}

/** The same, parsed. */
export function scenarioResources(scenario: Scenario, variantId?: string): Resource[] {
  return parseYamlDocuments(scenarioDocuments(scenario, variantId)) as Resource[];
}

/** The baseline's description (baseline.json). `dir` is the baseline folder. */
export function loadBaseline(dir: string = join(CATALOGUE_DIR, BASELINE_FOLDER)): Baseline {
  return readJson<Baseline>(join(dir, 'baseline.json'));
}

/** The sandbox's baseline Istio config, the reset target (Gateway, gateway VirtualService, DestinationRules), as one YAML stream. */
export function baselineDocuments(dir: string = join(CATALOGUE_DIR, BASELINE_FOLDER)): string {
  return readYaml(dir, loadBaseline(dir).files);
}

/** The same, parsed. */
export function baselineResources(dir: string = join(CATALOGUE_DIR, BASELINE_FOLDER)): Resource[] {
  return parseYamlDocuments(baselineDocuments(dir)) as Resource[];
}
