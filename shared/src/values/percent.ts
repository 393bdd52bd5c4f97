// Percentages as Istio's API carries them: `Percent { value: double }` (0–100) and the
// legacy integer forms (`percent`, `mirror_percent`). Used by fault, mirror and the editors.

/** Parses "50%", "50" or 50 into a number in [0, 100]; undefined when out of range or not a number. */
export function parsePercent(input: string | number): number | undefined {
  const text = typeof input === 'number' ? String(input) : input.trim().replace(/%$/, '');
  if (text === '' || !/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 0 && value <= 100 ? value : undefined;
}

/** The fraction (0..1) of requests a percentage selects. */
export const percentToFraction = (percent: number): number => Math.min(100, Math.max(0, percent)) / 100;
