import React, { useEffect } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { AppContextProvider } from '../components/AppContext';
import { accessOf } from '../lib/access';
import { resolveSettings } from '../lib/settings';
import type { AppSettings } from '../types';
import { bootUser } from './fakeBackend';

export const SETTINGS: AppSettings = {
  journalUrl: 'http://journal:8009',
  prometheusUrl: 'http://prometheus:9090',
  alertmanagers: [
    { name: 'am-a', url: 'http://am-a:9093' },
    { name: 'am-b', url: 'http://am-b:9093' },
  ],
};

export const lastLocation: { search: string } = { search: '' };
function LocationSpy() {
  const { search } = useLocation();
  useEffect(() => {
    Object.assign(lastLocation, { search });
  }, [search]);
  return null;
}

export function renderPage(page: React.ReactElement, url: string, settings: AppSettings = SETTINGS) {
  const value = { settings: resolveSettings(settings), access: accessOf(bootUser), user: { login: bootUser.login, name: bootUser.name } };
  return render(
    <MemoryRouter initialEntries={[url]}>
      <AppContextProvider value={value}>
        <Routes>
          <Route path="*" element={page} />
        </Routes>
        <LocationSpy />
      </AppContextProvider>
    </MemoryRouter>
  );
}
