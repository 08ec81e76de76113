import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

type ListPath = paths['/api/v1/custom-fields']['get'];
export type CustomFieldDef = ListPath['responses'][200]['content']['application/json']['data'][number];
export type FieldObject = NonNullable<ListPath['parameters']['query']>['object'];
export type FieldType = CustomFieldDef['type'];
export type NewField = NonNullable<
  paths['/api/v1/custom-fields']['post']['requestBody']
>['content']['application/json'];
export type FieldChanges = NonNullable<
  paths['/api/v1/custom-fields/{id}']['patch']['requestBody']
>['content']['application/json'];
export type Choice = NonNullable<CustomFieldDef['options']['choices']>[number];

export const fieldObjects: FieldObject[] = ['customer', 'contact', 'lead'];
export const fieldTypes: FieldType[] = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'select',
  'multi_select',
  'user',
  'phone',
  'email',
];

export const customFieldsKey = ['custom-fields'] as const;

/** Every field of an object in form order, archived ones included (check `active`). */
export const useCustomFields = (object: FieldObject) =>
  useQuery({
    queryKey: [...customFieldsKey, object],
    queryFn: () => unwrap(api.GET('/api/v1/custom-fields', { params: { query: { object } } })),
    select: (r) => r.data,
    staleTime: 60_000,
  });

/** The fields forms, lists and filters show: the active ones. */
export function useActiveCustomFields(object: FieldObject): CustomFieldDef[] {
  const { data } = useCustomFields(object);
  // The same array until the definitions change, so forms can depend on it in effects.
  return useMemo(() => (data ?? none).filter((d) => d.active), [data]);
}
const none: CustomFieldDef[] = [];

export function useCustomFieldMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: customFieldsKey });
  const create = useMutation({
    mutationFn: (body: NewField) => unwrap(api.POST('/api/v1/custom-fields', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ def, changes }: { def: CustomFieldDef; changes: FieldChanges }) =>
      unwrap(
        api.PATCH('/api/v1/custom-fields/{id}', {
          params: { path: { id: def.id } },
          headers: ifMatch(def.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const setActive = useMutation({
    mutationFn: ({ def, active }: { def: CustomFieldDef; active: boolean }) =>
      unwrap(
        api.POST(active ? '/api/v1/custom-fields/{id}/restore' : '/api/v1/custom-fields/{id}/archive', {
          params: { path: { id: def.id } },
          headers: ifMatch(def.version),
        }),
      ),
    onSettled: refresh,
  });
  const reorder = useMutation({
    mutationFn: (body: { object: FieldObject; ids: string[] }) =>
      unwrap(api.POST('/api/v1/custom-fields/reorder', { body })),
    onSettled: refresh,
  });
  return { create, update, setActive, reorder };
}

/** A free key for a new field, from its label (pinyin for Chinese). */
export const fetchKeySuggestion = (object: FieldObject, label: string) =>
  unwrap(api.GET('/api/v1/custom-fields/key-suggestion', { params: { query: { object, label } } })).then(
    (r) => r.key,
  );
