// The matcher filter with completion of label names and values (Arrow keys, Enter or Tab to accept, Escape to close).
// The list opens on focus, but Tab accepts only once the user has typed or moved in the list since focusing:
// otherwise Tab moves on, so tabbing through the page never writes a matcher nor traps focus in the box.
import React, { useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Input, useStyles2 } from '@grafana/ui';
import { applyCompletion, complete, type CompletionResult, type LabelIndex } from '../../lib/completion';

interface Props {
  value: string;
  onChange: (text: string) => void;
  /** Label names and values to complete from; called only once completions are asked for. */
  index: () => LabelIndex;
  error?: string;
  placeholder?: string;
  testId: string;
  listTestId: string;
  label: string;
}

export function FilterBar({ value, onChange, index, error, placeholder, testId, listTestId, label }: Props) {
  const s = useStyles2(getStyles);
  const input = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // Typed or moved in the list since focusing: only then does Tab accept a completion.
  const engaged = useRef(false);
  const result: CompletionResult | null = useMemo(() => (cursor === null ? null : complete(value, cursor, index())), [value, cursor, index]);
  const items = result?.items ?? [];
  const open = items.length > 0 && cursor !== null;

  const accept = (i: number) => {
    if (!result || !items[i]) {
      return;
    }
    const next = applyCompletion(value, result, items[i]);
    onChange(next.text);
    setCursor(next.cursor);
    setActive(0);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.cursor, next.cursor));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (!open) {
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      engaged.current = true;
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter' || (e.key === 'Tab' && engaged.current)) {
      e.preventDefault();
      accept(active);
    } else if (e.key === 'Escape') {
      setCursor(null);
    }
  };

  return (
    <div className={s.wrap}>
      <Input
        ref={input}
        aria-label={label}
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        invalid={!!error}
        role="combobox"
        aria-expanded={open}
        aria-autocomplete="list"
        onChange={(e) => {
          engaged.current = true;
          onChange(e.currentTarget.value);
          setCursor(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          engaged.current = false;
          setCursor(e.currentTarget.selectionStart ?? value.length);
        }}
        onBlur={() => setTimeout(() => setCursor(null), 150)}
      />
      {open && (
        // tabIndex -1: Chromium makes a scrolling box a Tab stop, and this one vanishes as the input loses focus.
        <ul className={s.list} role="listbox" data-testid={listTestId} tabIndex={-1}>
          {items.map((item, i) => (
            <li
              key={item.insert}
              role="option"
              aria-selected={i === active}
              className={i === active ? s.active : s.item}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(i);
              }}
            >
              {item.label}
              <span className={s.kind}>{item.kind === 'name' ? 'label' : 'value'}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ position: 'relative', flex: 1, minWidth: 320 }),
  list: css({
    position: 'absolute',
    zIndex: theme.zIndex.dropdown,
    top: '100%',
    left: 0,
    right: 0,
    maxHeight: 260,
    overflowY: 'auto',
    margin: 0,
    padding: theme.spacing(0.5, 0),
    listStyle: 'none',
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.medium}`,
    boxShadow: theme.shadows.z3,
  }),
  item: css({ padding: theme.spacing(0.5, 1), cursor: 'pointer', display: 'flex', justifyContent: 'space-between' }),
  active: css({ padding: theme.spacing(0.5, 1), cursor: 'pointer', display: 'flex', justifyContent: 'space-between', background: theme.colors.action.selected }),
  kind: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
