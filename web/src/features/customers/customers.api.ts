import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type {
  Customer,
  CustomerChanges,
  CustomerListQuery,
  DuplicateMatch,
  NewCustomer,
} from '../../app/api-types';
import { ApiProblem, unwrap } from '../../app/problem';

export const customersKey = ['customers'] as const;
export type CustomerFilters = Omit<CustomerListQuery, 'cursor' | 'limit'>;

/** Customers in the user's scope matching the filters, 50 per page by keyset cursor, with the total. */
export function useCustomerList(filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: [...customersKey, 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/customers', { params: { query: { ...filters, limit: 50, cursor: pageParam } } }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: [...customersKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 0,
    retry: (n, e) => !(e instanceof ApiProblem && e.status < 500) && n < 2,
  });

export function useCustomerMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: customersKey });
  const create = useMutation({
    mutationFn: (body: NewCustomer) => unwrap(api.POST('/api/v1/customers', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ customer, changes }: { customer: Customer; changes: CustomerChanges }) =>
      unwrap(
        api.PATCH('/api/v1/customers/{id}', {
          params: { path: { id: customer.id } },
          headers: ifMatch(customer.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (customer: Customer) =>
      unwrap(
        api.DELETE('/api/v1/customers/{id}', {
          params: { path: { id: customer.id } },
          headers: ifMatch(customer.version),
        }),
      ),
    onSuccess: refresh,
  });
  return { create, update, remove };
}

/** 查重: is this name, phone or e-mail already a customer? */
export const useDuplicateCheck = () =>
  useMutation({
    mutationFn: (body: { name?: string; phone?: string; email?: string }) =>
      unwrap(api.POST('/api/v1/customers/check-duplicates', { body })),
  });

/** The matches of a 409 duplicate_customer / near_duplicate_customer answer, if it is one. */
export function duplicateOf(e: unknown): { near: boolean; matches: DuplicateMatch[] } | null {
  if (!(e instanceof ApiProblem)) return null;
  if (e.code !== 'duplicate_customer' && e.code !== 'near_duplicate_customer') return null;
  const matches = (e.body as { matches?: DuplicateMatch[] }).matches ?? [];
  return { near: e.code === 'near_duplicate_customer', matches };
}

/** What a typed 查重 query is: digits and + → phone, contains @ → e-mail, else a company name. */
export function checkBodyOf(input: string): { name?: string; phone?: string; email?: string } {
  const s = input.trim();
  if (s.includes('@')) return { email: s };
  if (/^[+＋]?[\d０-９\s\-－()（）]+$/.test(s) && /[\d０-９]{3}/.test(s)) return { phone: s };
  return { name: s };
}
