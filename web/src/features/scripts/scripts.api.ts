import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';
import { replaceScript } from './script-lists';

// 话术库 over the typed API client: lists by words, stage, scenario or tag; writes; uses and ratings.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Script = JsonOf<paths['/api/v1/scripts/{id}']['get']['responses'][200]>;
export type NewScript = BodyOf<paths['/api/v1/scripts']['post']['requestBody']>;
export type ScriptQuery = NonNullable<paths['/api/v1/scripts']['get']['parameters']['query']>;
export type ScriptSort = NonNullable<ScriptQuery['sort']>;
export const sorts: ScriptSort[] = ['-useCount', '-rating', '-updatedAt'];
/** The server's largest page: a full page says so instead of cutting silently. */
export const listLimit = 100;

const scriptsKey = ['scripts'] as const;

export const useScripts = (query: ScriptQuery) =>
  useQuery({
    queryKey: [...scriptsKey, 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/scripts', { params: { query } })).then((r) => r.data),
    placeholderData: (previous) => previous,
  });

export function useScriptMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: scriptsKey });
  // A use or a rating changes one card: patch it where it is, so the list does not reshuffle under a tap.
  const patch = (s: Script) =>
    queryClient.setQueriesData<Script[]>({ queryKey: [...scriptsKey, 'list'] }, (list) =>
      list ? replaceScript(list, s) : list,
    );
  return {
    create: useMutation({
      mutationFn: (body: NewScript) => unwrap(api.POST('/api/v1/scripts', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, version, body }: { id: string; version: number; body: Partial<NewScript> }) =>
        unwrap(
          api.PATCH('/api/v1/scripts/{id}', { params: { path: { id } }, headers: ifMatch(version), body }),
        ),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (s: Pick<Script, 'id' | 'version'>) =>
        unwrap(
          api.DELETE('/api/v1/scripts/{id}', { params: { path: { id: s.id } }, headers: ifMatch(s.version) }),
        ),
      onSuccess: refresh,
    }),
    use: useMutation({
      mutationFn: (id: string) => unwrap(api.POST('/api/v1/scripts/{id}/use', { params: { path: { id } } })),
      onSuccess: patch,
    }),
    rate: useMutation({
      mutationFn: ({ id, stars }: { id: string; stars: number }) =>
        unwrap(api.PUT('/api/v1/scripts/{id}/rating', { params: { path: { id } }, body: { stars } })),
      onSuccess: patch,
    }),
  };
}
