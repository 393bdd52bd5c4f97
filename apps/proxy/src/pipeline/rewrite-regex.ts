// uriRegexRewrite: RE2 with Envoy's substitution syntax (\1 for groups), compiled once per pattern.
import RE2 from 're2';

const cache = new Map<string, { replace(path: string, rewrite: string): string }>();

export function compileRewriteRegex(pattern: string) {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const re = new RE2(pattern, 'g');
    compiled = { replace: (path, rewrite) => path.replace(re, rewrite.replace(/\\(\d)/g, '$$$1')) };
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}
