import { useCallback, useEffect, useState } from 'react';
import { classify, type SourceError } from '../api/proxy';

export interface AsyncState<T> {
  loading: boolean;
  error?: SourceError;
  data?: T;
  reload: () => void;
}

interface Settled<T> {
  key: string;
  data?: T;
  error?: SourceError;
}

/**
 * Runs `load` when `key` changes (and on reload); a late answer for an old key is dropped. While a new key
 * loads, the previous data stays on screen (loading is true). A null key waits: nothing is requested yet.
 */
export function useAsync<T>(source: string, load: () => Promise<T>, key: string | null): AsyncState<T> {
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const requestKey = key === null ? null : `${key}#${tick}`;
  useEffect(() => {
    if (requestKey === null) {
      return;
    }
    let live = true;
    load().then(
      (data) => live && setSettled({ key: requestKey, data }),
      (err: unknown) => live && setSettled({ key: requestKey, error: classify(source, err) })
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render; the request is identified by its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey, source]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = settled?.key === requestKey;
  return { loading: !current, data: settled?.error && current ? undefined : settled?.data, error: current ? settled?.error : undefined, reload };
}
