import { type RefObject, useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { PAGE_ROWS, viewportRows } from '../lib/paging';

interface Budget {
  key: string;
  rows: number;
  /** The list's first paint: only the rows that fill the window are rendered. */
  filling: boolean;
}

const first = (key: string): Budget => ({ key, rows: viewportRows(window.innerHeight), filling: true });

/**
 * How many rows a list renders. A list (each new `listKey`: filter, grouping, view) is first rendered with the rows
 * that fill the window — an estimate from its height, topped up before that paint while the list's `end` (the
 * element after its last row) is still inside the window — and one page (PAGE_ROWS) from the frame after that
 * paint; `more(shown)` adds a page to the rows shown (a selected alert may have pushed them beyond the budget).
 * So what the user sees first is painted without waiting for the rows below it. `ready`: the list's rows are there
 * to render (their data answered).
 */
export function useRowBudget(listKey: string, ready: boolean, end: RefObject<HTMLElement | null>) {
  const [budget, setBudget] = useState(() => first(listKey));
  const current = budget.key === listKey ? budget : first(listKey);
  // Before the paint: rows that end above the window's bottom leave part of it empty, so render more now.
  // (A detached or unlaid-out end, as in jsdom, has no height and is left alone.)
  useLayoutEffect(() => {
    const r = current.filling && ready ? end.current?.getBoundingClientRect() : undefined;
    if (r && r.height > 0 && r.top < window.innerHeight) {
      // Measured, then rendered again before the paint: the layout-effect pattern the rule does not know.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setBudget({ key: listKey, rows: current.rows + viewportRows(window.innerHeight - r.top), filling: true });
    }
  }, [listKey, ready, current.filling, current.rows, end]);
  // After that paint, the rest of the first page.
  useEffect(() => {
    if (!current.filling || !ready) {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setBudget({ key: listKey, rows: Math.max(current.rows, PAGE_ROWS), filling: false }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [listKey, ready, current.filling, current.rows]);
  const more = useCallback((shown: number) => setBudget({ key: listKey, rows: Math.max(current.rows, shown) + PAGE_ROWS, filling: false }), [listKey, current.rows]);
  return { rows: current.rows, filling: current.filling, more };
}
