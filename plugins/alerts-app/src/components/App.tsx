import React, { Suspense, lazy, useMemo } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import { LoadingPlaceholder } from '@grafana/ui';
import { ROUTES } from '../constants';
import { useAlertGroupsEarly } from '../hooks/useAlertGroupsEarly';
import { accessOf } from '../lib/access';
import { resolveSettings } from '../lib/settings';
import type { AppSettings } from '../types';
import { AppContextProvider } from './AppContext';

const AlertsPage = lazy(() => import('../pages/AlertsPage'));
const SilencesPage = lazy(() => import('../pages/SilencesPage'));
const HistoryPage = lazy(() => import('../pages/HistoryPage'));

function App(props: AppRootProps<AppSettings>) {
  const user = config.bootData?.user;
  const value = useMemo(
    () => ({ settings: resolveSettings(props.meta.jsonData), access: accessOf(user), user: { login: user?.login ?? '', name: user?.name ?? '' } }),
    [props.meta.jsonData, user]
  );
  useAlertGroupsEarly(value.settings.alertmanagers);
  return (
    <AppContextProvider value={value}>
      <Suspense fallback={<LoadingPlaceholder text="Loading…" />}>
        <Routes>
          <Route path={ROUTES.Alerts} element={<AlertsPage />} />
          <Route path={ROUTES.Silences} element={<SilencesPage />} />
          <Route path={ROUTES.History} element={<HistoryPage />} />
          <Route path="*" element={<Navigate to={ROUTES.Alerts} replace />} />
        </Routes>
      </Suspense>
    </AppContextProvider>
  );
}

export default App;
