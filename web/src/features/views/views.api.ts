import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

export type SavedView =
  paths['/api/v1/saved-views']['get']['responses'][200]['content']['application/json']['data'][number];
export type ViewState = SavedView['state'];

const key = (object: string) => ['saved-views', object] as const;

/** The lists whose views can be saved. */
export type ViewObject = 'customer' | 'opportunity';

export const useSavedViews = (object: ViewObject) =>
  useQuery({
    queryKey: key(object),
    queryFn: () => unwrap(api.GET('/api/v1/saved-views', { params: { query: { object } } })),
  });

export function useSavedViewMutations(object: ViewObject) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key(object) });
  const create = useMutation({
    mutationFn: (body: { name: string; shared: boolean; state: ViewState }) =>
      unwrap(api.POST('/api/v1/saved-views', { body: { object, ...body } })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({
      view,
      changes,
    }: {
      view: SavedView;
      changes: { name?: string; shared?: boolean; state?: ViewState };
    }) =>
      unwrap(
        api.PATCH('/api/v1/saved-views/{id}', {
          params: { path: { id: view.id } },
          headers: ifMatch(view.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) =>
      unwrap(api.DELETE('/api/v1/saved-views/{id}', { params: { path: { id: view.id } } })),
    onSettled: refresh,
  });
  return { create, update, remove };
}
