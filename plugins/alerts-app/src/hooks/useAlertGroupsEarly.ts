import { useLayoutEffect, useRef } from 'react';
import { locationService } from '@grafana/runtime';
import { startAlertGroupsEarly } from '../api/alertmanagers';
import { ROUTES } from '../constants';
import { prefixRoute } from '../utils/routing';

const isAlertsPath = (pathname: string) => pathname.replace(/\/+$/, '') === prefixRoute(ROUTES.Alerts);

/**
 * For the app root: asks the Alertmanagers for their alert groups as soon as the route to the Alerts page is taken
 * (in the navigation itself, before React renders the page), or when the app opens on that page (while the page's
 * code loads); the page takes that request (api/alertmanagers). Only on entering the page: its own URL changes
 * (filter, grouping, selection) ask nothing.
 */
export function useAlertGroupsEarly(alertmanagers: Array<{ name: string }>): void {
  const ams = useRef(alertmanagers);
  useLayoutEffect(() => {
    ams.current = alertmanagers;
  }, [alertmanagers]);
  // A layout effect: it runs before the page's passive effects, where the page would send its own request.
  useLayoutEffect(() => {
    let last = locationService.getLocation().pathname;
    if (isAlertsPath(last)) {
      startAlertGroupsEarly(ams.current);
    }
    return locationService.getHistory().listen((location: { pathname: string }) => {
      const entering = isAlertsPath(location.pathname) && !isAlertsPath(last);
      last = location.pathname;
      if (entering) {
        startAlertGroupsEarly(ams.current);
      }
    });
  }, []);
}
