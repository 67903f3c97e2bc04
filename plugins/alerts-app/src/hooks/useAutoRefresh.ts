// Keeps a live view live: a page left open (the on-call's screen at 3 a.m.) asks its sources again every
// `intervalMs` while the browser tab is visible; a tab that was hidden when a refresh was due refreshes as soon as
// it is shown again.
import { useEffect, useRef } from 'react';

export function useAutoRefresh(refresh: () => void, intervalMs: number): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);
  useEffect(() => {
    let missed = false;
    const timer = setInterval(() => {
      if (document.visibilityState === 'hidden') {
        missed = true;
        return;
      }
      latest.current();
    }, intervalMs);
    const onVisibility = () => {
      if (document.visibilityState === 'visible' && missed) {
        missed = false;
        latest.current();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
}
