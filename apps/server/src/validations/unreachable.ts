// Istio's analyzer messages for rules that can never match (istio/istio pkg/config/analysis/
// analyzers/schema/validation.go morePreciseMessage; msg/messages.yaml IST0130
// VirtualServiceUnreachableRule, IST0131 VirtualServiceIneffectiveMatch). The analysis is the
// webhook's own (validation.go analyzeUnreachable*Rules), shared with @rudder/shared/validation.
import { Report, warnUnreachable } from '@rudder/shared/validation';
import type { CheckContext } from './context.js';
import type { Finding } from './findings.js';

const UNUSED = /^virtualService rule (.+) not used \((.+)\)$/s;
const INEFFECTIVE = /^virtualService rule (.+) match (.+) is not used \(duplicate\/overlapping match in rule (.+)\)$/s;

/** Keeps each warning's path apart from its text. */
class Captured extends Report {
  readonly found: { field: string; text: string }[] = [];
  override warn(field: string, text: string): void {
    this.found.push({ field, text });
  }
}

/** The webhook's unreachable-rule warning `text` in the analyzer's wording, if it is one. */
export function analyzerFinding(field: string, text: string): Finding | undefined {
  const ineffective = INEFFECTIVE.exec(text);
  if (ineffective) {
    const [, rule, match, dup] = ineffective;
    return { code: 'IST0131', severity: 'info', field, message: `VirtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${dup}).` };
  }
  const unused = UNUSED.exec(text);
  if (unused) {
    const [, rule, reason] = unused;
    return { code: 'IST0130', severity: 'warning', field, message: `VirtualService rule ${rule} not used (${reason}).` };
  }
  return undefined;
}

/** IST0130 and IST0131 for every VirtualService. */
export function checkUnreachable(ctx: CheckContext): void {
  for (const vs of ctx.virtualServices) {
    const report = new Captured();
    warnUnreachable(report, vs.spec ?? {});
    for (const { field, text } of report.found) {
      const finding = analyzerFinding(field, text);
      if (finding) ctx.findings.add(vs, finding);
    }
  }
}
