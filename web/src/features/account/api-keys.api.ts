import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { unwrap } from '../../app/problem';

const key = ['api-keys'] as const;

export const useApiKeys = () =>
  useQuery({ queryKey: key, queryFn: () => unwrap(api.GET('/api/v1/api-keys')).then((r) => r.data) });

export type NewApiKey = { name: string; scopes?: string[] | null; expiresAt?: number | null };

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiKey) => unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
