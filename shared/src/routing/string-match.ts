// Istio StringMatch compiled once into Envoy's matchers (istio pilot/pkg/networking/core/route
// translateHeaderMatch + pilot/pkg/networking/util ConvertToEnvoyMatch): exact, prefix, or an RE2
// regex that must match the whole value (Envoy safe_regex full match, compiled `^(?:…)$`).
// An empty StringMatch `{}` — or the legacy `regex: "*"` — becomes Envoy's present_match.
import RE2 from 're2';
import type { StringMatch } from '../kinds/index.js';

export type CompiledStringMatch =
  | { readonly kind: 'exact'; readonly value: string }
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'regex'; readonly value: string; readonly regex: RE2 }
  | { readonly kind: 'present' };

/** A regex that failed to compile, with the RE2 message. */
export class RegexError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegexError';
  }
}

/** Anchors an RE2 pattern so it must match the whole value, as Envoy's safe_regex does. */
export function compileFullMatch(pattern: string): RE2 {
  try {
    return new RE2(`^(?:${pattern})$`, 'u');
  } catch (error) {
    throw new RegexError(pattern, `invalid RE2 regex ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** Compiles one StringMatch; throws RegexError for a regex RE2 refuses. */
export function compileStringMatch(match: StringMatch | undefined | null): CompiledStringMatch {
  if (match?.exact !== undefined) return { kind: 'exact', value: match.exact };
  if (match?.prefix !== undefined) return { kind: 'prefix', value: match.prefix };
  if (match?.regex !== undefined && match.regex !== '*') {
    return { kind: 'regex', value: match.regex, regex: compileFullMatch(match.regex) };
  }
  return { kind: 'present' };
}

/**
 * Whether a present value satisfies the matcher. `ignoreCase` lowers both sides for exact
 * and prefix only: Envoy's `case_sensitive: false` never applies to a regex.
 */
export function matchValue(m: CompiledStringMatch, value: string, ignoreCase = false): boolean {
  switch (m.kind) {
    case 'present':
      return true;
    case 'exact':
      return ignoreCase ? value.toLowerCase() === m.value.toLowerCase() : value === m.value;
    case 'prefix':
      return ignoreCase ? value.toLowerCase().startsWith(m.value.toLowerCase()) : value.startsWith(m.value);
    case 'regex':
      return m.regex.test(value);
  }
}

/**
 * Envoy HeaderUtility::matchHeaders for one header matcher: an absent header fails every
 * value match (and satisfies an inverted present_match); `withoutHeaders` entries are
 * inverted and, unless they are present_match, treat a missing header as empty (Istio sets
 * treat_missing_header_as_empty for them).
 */
export function matchHeader(m: CompiledStringMatch, value: string | undefined, invert: boolean): boolean {
  if (value === undefined) {
    if (!invert) return false;
    if (m.kind === 'present') return true;
    return !matchValue(m, '');
  }
  return matchValue(m, value) !== invert;
}
