// Grafana shares react-router-dom v5 with plugins (its core still routes with it); the npm package has no types.
// Only what the host uses is declared.
declare module 'react-router-dom' {
  import type { ComponentType, ReactNode } from 'react';
  export const Router: ComponentType<{ history: unknown; children?: ReactNode }>;
}
