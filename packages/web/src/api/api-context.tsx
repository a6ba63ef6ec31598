import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api-client.js';

interface ApiContextValue {
  api: ApiClient;
  /** Called when the collector refuses the token: the app asks for another. */
  onUnauthorized(): void;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ value, children }: { value: ApiContextValue; children: ReactNode }) {
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApiContext(): ApiContextValue {
  const context = useContext(ApiContext);
  if (!context) throw new Error('useApiContext needs an ApiProvider above it');
  return context;
}
