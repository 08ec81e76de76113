import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { api, rememberCsrfToken, setUnauthorizedHandler } from './api';
import type { Me } from './api-types';
import { changeLanguage, currentLanguage, isLanguage } from './i18n';
import { ApiProblem, unwrap } from './problem';
import { setOrgTimeZone } from './time';

export const meKey = ['me'] as const;

type Auth = {
  /** The signed-in user, null when signed out, undefined while loading. */
  me: Me | null | undefined;
  /** Why /me could not be loaded (network, 5xx), if it failed. */
  loadError: unknown;
  reload: () => void;
  can: (object: string, action: string) => boolean;
  /** Call with the answer of login or invitation accept. */
  signedIn: (user: Me, csrfToken: string) => void;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);

// Another user's cached data must not survive a sign-in or sign-out; the me query itself stays
// (its observer lives in the provider), only its data changes.
const dropAllButMe = (queryClient: QueryClient) =>
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });

async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(api.GET('/api/v1/me'));
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return null;
    throw e;
  }
}

/** The user's saved language wins over this browser's, once we know who they are. */
function adoptUserSettings(me: Me) {
  setOrgTimeZone(me.timeZone);
  if (isLanguage(me.locale) && me.locale !== currentLanguage()) void changeLanguage(me.locale);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { data: me, error, refetch } = useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });

  useEffect(() => {
    setUnauthorizedHandler(() => queryClient.setQueryData(meKey, null));
  }, [queryClient]);

  useEffect(() => {
    if (me) setOrgTimeZone(me.timeZone);
  }, [me]);

  const value = useMemo<Auth>(
    () => ({
      me,
      loadError: error,
      reload: () => void refetch(),
      can: (object, action) => !!me && (me.isAdmin || !!me.permissions[object]?.actions.includes(action)),
      signedIn: (user, csrfToken) => {
        rememberCsrfToken(csrfToken);
        adoptUserSettings(user);
        dropAllButMe(queryClient);
        queryClient.setQueryData(meKey, user);
      },
      signOut: async () => {
        await api.POST('/api/v1/auth/logout').catch(() => undefined);
        rememberCsrfToken(null);
        dropAllButMe(queryClient);
        queryClient.setQueryData(meKey, null);
      },
    }),
    [me, error, refetch, queryClient],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user inside the app shell (which renders only when signed in). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}
