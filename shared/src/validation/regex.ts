// Regular expressions as Istio and Envoy accept them: RE2 syntax (no backreferences, no
// lookaround), non-empty, at most 1024 bytes (validateStringRegexp: Istio's stand-in for
// Envoy's re2.max_program_size). RE2 matches in linear time, so no input can stall a check.
import RE2 from 're2';
import { byteLength } from './values.js';

/** Istio's cap on a regex's length (validation.go validateStringRegexp). */
export const MAX_REGEX_BYTES = 1024;

/**
 * Escapes node-re2 accepts but Istio's Go regexp refuses: `\C` (RE2 C++'s any-byte) and
 * the JavaScript-only `\uXXXX` and `\cX`, which node-re2 translates before compiling.
 */
function goOnlyEscapeError(re: string): string | undefined {
  for (let i = 0; i < re.length - 1; i++) {
    if (re[i] !== '\\') continue;
    const next = re[i + 1] as string;
    if (next === 'C' || next === 'u' || next === 'c') return `invalid escape sequence: \\${next}`;
    i++;
  }
  return undefined;
}

/** Why RE2 refuses `re` (a backreference, a lookahead, bad syntax), or undefined when it compiles. */
export function re2Error(re: string): string | undefined {
  const goError = goOnlyEscapeError(re);
  if (goError !== undefined) return goError;
  try {
    new RE2(re);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** validateStringRegexp: the length cap, then RE2 compilation. */
export function validateRegex(re: string): string | undefined {
  if (byteLength(re) > MAX_REGEX_BYTES) return `regex is too large, max length allowed is ${MAX_REGEX_BYTES}`;
  const error = re2Error(re);
  return error === undefined
    ? undefined
    : `${error}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`;
}

/** A whole-value matcher (`^(?:re)$`, as Envoy's safe_regex matches), for a regex that validated. */
export function compileFullMatch(re: string): RE2 {
  return new RE2(`^(?:${re})$`);
}
