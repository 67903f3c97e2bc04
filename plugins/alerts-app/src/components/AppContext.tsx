import React, { createContext, useContext } from 'react';
import type { Access } from '../lib/access';
import type { ResolvedSettings } from '../lib/settings';

export interface AppContextValue {
  settings: ResolvedSettings;
  access: Access;
  user: { login: string; name: string };
}

const Ctx = createContext<AppContextValue | null>(null);

export const AppContextProvider = ({ value, children }: { value: AppContextValue; children: React.ReactNode }) => <Ctx.Provider value={value}>{children}</Ctx.Provider>;

export function useAppContext(): AppContextValue {
  const v = useContext(Ctx);
  if (!v) {
    throw new Error('useAppContext outside the app root');
  }
  return v;
}
