// Completion for the filter bar: label names while the word under the cursor has no operator yet, then the
// values that label takes in the current alerts.
import type { Labels } from '../types';

export interface Completion {
  /** The text that replaces the word under the cursor. */
  insert: string;
  label: string;
  kind: 'name' | 'value';
}

export interface CompletionResult {
  from: number;
  to: number;
  items: Completion[];
}

const MAX_ITEMS = 50;

function wordAt(text: string, cursor: number): { from: number; to: number } {
  let from = 0;
  let inQuote = false;
  // Walk back to the start of the matcher: a separator outside quotes.
  for (let i = 0; i < cursor; i++) {
    if (text[i] === '"' && text[i - 1] !== '\\') {
      inQuote = !inQuote;
    } else if (!inQuote && /[\s,{]/.test(text[i])) {
      from = i + 1;
    }
  }
  if (from > cursor) {
    from = cursor;
  }
  let to = cursor;
  while (to < text.length && !/[\s,}]/.test(text[to])) {
    to++;
  }
  return { from: Math.min(from, cursor), to };
}

export type LabelIndex = Map<string, Set<string>>;

export function labelIndex(labelSets: Labels[]): LabelIndex {
  const index = new Map<string, Set<string>>();
  for (const labels of labelSets) {
    for (const [k, v] of Object.entries(labels)) {
      if (!index.has(k)) {
        index.set(k, new Set());
      }
      index.get(k)!.add(v);
    }
  }
  return index;
}

/** The index of `labelSets()`, built on first use (when completions are asked for), not with the list. */
export function lazyLabelIndex(labelSets: () => Labels[]): () => LabelIndex {
  let built: LabelIndex | undefined;
  return () => (built ??= labelIndex(labelSets()));
}

export function complete(text: string, cursor: number, index: LabelIndex): CompletionResult {
  const { from, to } = wordAt(text, cursor);
  const word = text.slice(from, cursor);
  const op = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)(.*)$/.exec(word);
  if (!op) {
    const prefix = word.toLowerCase();
    const items = [...index.keys()]
      .filter((k) => k.toLowerCase().startsWith(prefix))
      .sort()
      .slice(0, MAX_ITEMS)
      .map((k) => ({ insert: `${k}=`, label: k, kind: 'name' as const }));
    return { from, to, items };
  }
  const [, name, operator, partial] = op;
  const typed = partial.replace(/^"/, '').toLowerCase();
  const values = [...(index.get(name) ?? [])].filter((v) => v.toLowerCase().startsWith(typed)).sort();
  const items = values.slice(0, MAX_ITEMS).map((v) => ({ insert: `${name}${operator}"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`, label: v, kind: 'value' as const }));
  return { from, to, items };
}

export function applyCompletion(text: string, result: CompletionResult, item: Completion): { text: string; cursor: number } {
  const before = text.slice(0, result.from) + item.insert;
  const after = text.slice(result.to);
  const sep = item.kind === 'value' && !after.startsWith(' ') ? ' ' : '';
  return { text: before + sep + after, cursor: before.length + sep.length };
}
