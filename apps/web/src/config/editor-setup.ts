// CodeMirror 6 for Istio YAML: the dashboard's theme (CSS variables, so light and dark
// follow the page), YAML mode, schema completion and one debounced linter that runs the
// browser's structural checks and, when those pass, asks the server for a dry run.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { KindDefinition } from '@rudder/shared/kinds';
import { basicSetup } from 'codemirror';
import { suggestionsAt } from './completion.js';
import type { Marker } from './lint.js';

export const editorTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--surface)', color: 'var(--text)', fontSize: '13px', border: '1px solid var(--border-strong)', borderRadius: '8px' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', borderRight: '1px solid var(--border)', borderRadius: '8px 0 0 8px' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 6%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 12%, transparent)', color: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent)',
  },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border-strong)', borderRadius: '6px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '8px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit', opacity: 0.85 },
  '.cm-tooltip.cm-completionInfo': { maxWidth: '360px', padding: '6px 8px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--surface-2)', color: 'var(--muted)', border: '1px solid var(--border)' },
});

// Colours from config.css, which sets a light and a dark value for each.
const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--syn-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syn-string)' },
  { tag: tags.content, color: 'var(--syn-value)' },
  { tag: [tags.lineComment, tags.meta], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace], color: 'var(--muted)' },
  { tag: [tags.keyword, tags.typeName, tags.labelName], color: 'var(--syn-keyword)' },
]);

function completionSource(def: KindDefinition) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const found = suggestionsAt(def, ctx.state.doc.toString(), ctx.pos);
    if (!found) return null;
    // Only pop up by itself once a word is started; Ctrl-Space asks anywhere.
    if (!ctx.explicit && found.from === ctx.pos) return null;
    const options = found.options.map((o): Completion => ({ label: o.label, apply: o.apply, type: o.type, ...(o.detail ? { detail: o.detail } : {}), ...(o.info ? { info: o.info } : {}) }));
    return { from: found.from, options, validFor: /^[\w.-]*$/ };
  };
}

export type LintSource = (text: string, signal: AbortSignal) => Promise<Marker[]>;

/** One linter: `check` does the local checks and, when they pass, the server's dry run. */
function lintSource(check: LintSource) {
  let running: AbortController | undefined;
  return async (view: EditorView): Promise<Diagnostic[]> => {
    running?.abort();
    const ctl = new AbortController();
    running = ctl;
    const text = view.state.doc.toString();
    const markers = await check(text, ctl.signal).catch(() => []);
    const length = view.state.doc.length;
    return markers.map((m) => ({ from: Math.min(m.from, length), to: Math.min(m.to, length), severity: m.severity, message: m.message, source: m.source }));
  };
}

export interface EditorOptions {
  def: KindDefinition;
  check?: LintSource;
  readOnly?: boolean;
  label: string;
  onChange?: (text: string) => void;
}

export function editorExtensions({ def, check, readOnly, label, onChange }: EditorOptions): Extension[] {
  return [
    basicSetup,
    yaml(),
    yamlLanguage.data.of({ autocomplete: completionSource(def) }),
    syntaxHighlighting(highlight),
    editorTheme,
    EditorView.contentAttributes.of({ 'aria-label': label }),
    EditorState.tabSize.of(2),
    ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
    ...(check ? [linter(lintSource(check), { delay: 500 }), lintGutter()] : []),
    ...(onChange ? [EditorView.updateListener.of((u) => u.docChanged && onChange(u.state.doc.toString()))] : []),
  ];
}

/** Read-only YAML for the diff views: same look, no completion or linting. */
export function readOnlyExtensions(label: string): Extension[] {
  return [basicSetup, yaml(), syntaxHighlighting(highlight), editorTheme, EditorState.readOnly.of(true), EditorView.contentAttributes.of({ "aria-label": label })];
}
