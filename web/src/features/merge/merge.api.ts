import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';
import { customersKey } from '../customers/customers.api';

export type MergeBody = NonNullable<
  paths['/api/v1/customers/merge']['post']['requestBody']
>['content']['application/json'];
/** Fields whose value the survivor may take from another customer (as the server lists them). */
export type MergeField =
  | 'name'
  | 'shortName'
  | 'level'
  | 'status'
  | 'industry'
  | 'region'
  | 'address'
  | 'phone'
  | 'email'
  | 'website'
  | 'source'
  | 'ownerId';
export type MergeEntry =
  paths['/api/v1/customers/{id}/merges']['get']['responses'][200]['content']['application/json']['data'][number];

export const useMerges = (customerId: string) =>
  useQuery({
    queryKey: [...customersKey, 'merges', customerId],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/merges', { params: { path: { id: customerId } } })),
  });

export function useMergeMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: customersKey });
  const merge = useMutation({
    mutationFn: (body: MergeBody) => unwrap(api.POST('/api/v1/customers/merge', { body })),
    onSettled: refresh,
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) =>
      unwrap(api.POST('/api/v1/customer-merges/{id}/undo', { params: { path: { id: mergeId } } })),
    onSettled: refresh,
  });
  return { merge, undo };
}
