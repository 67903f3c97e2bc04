import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type StateShape, readState, writeState } from '../lib/urlState';

/** A page's state read from and written to the URL query (replace, so typing does not flood the history). */
export function useUrlState<S extends StateShape>(defaults: S): [S, (patch: Partial<S>, push?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readState(params, defaults), [params, defaults]);
  const update = useCallback(
    (patch: Partial<S>, push = false) => {
      setParams((prev) => writeState({ ...readState(prev, defaults), ...patch } as S, defaults, prev), { replace: !push });
    },
    [setParams, defaults]
  );
  return [state, update];
}
