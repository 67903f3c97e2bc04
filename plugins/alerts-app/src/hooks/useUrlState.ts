import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type StateShape, readState, writeState } from '../lib/urlState';

type Patch<S> = Partial<S> | ((current: S) => Partial<S>);

/**
 * A page's state read from and written to the URL query (replace, so typing does not flood the history). The
 * update function is the same across renders (react-router's setter changes with every URL), so memoised controls
 * and rows given it do not re-render when the filter changes; a patch may be computed from the current state.
 */
export function useUrlState<S extends StateShape>(defaults: S): [S, (patch: Patch<S>, push?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params, defaults), [params, defaults]);
  const set = useRef(setParams);
  useLayoutEffect(() => {
    set.current = setParams;
  }, [setParams]);
  const update = useCallback(
    (patch: Patch<S>, push = false) => {
      set.current(
        (prev) => {
          const current = readState(prev, defaults);
          return writeState({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) } as S, defaults, prev);
        },
        { replace: !push }
      );
    },
    [defaults]
  );
  return [state, update];
}
