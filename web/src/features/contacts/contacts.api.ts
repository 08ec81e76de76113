import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { Contact, ContactChanges, DuplicateMatch, NewContact } from '../../app/api-types';
import { ApiProblem, unwrap } from '../../app/problem';

export const contactsKey = ['contacts'] as const;

/** 联系人 of one customer, by name, 50 per page by keyset cursor. */
export function useCustomerContacts(customerId: string) {
  return useInfiniteQuery({
    queryKey: [...contactsKey, 'of-customer', customerId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/contacts', { params: { query: { customerId, limit: 50, cursor: pageParam } } }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useContact = (id: string | undefined) =>
  useQuery({
    queryKey: [...contactsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 0,
    retry: (n, e) => !(e instanceof ApiProblem && e.status < 500) && n < 2,
  });

export function useContactMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: contactsKey });
  const create = useMutation({
    mutationFn: (body: NewContact) => unwrap(api.POST('/api/v1/contacts', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ contact, changes }: { contact: Contact; changes: ContactChanges }) =>
      unwrap(
        api.PATCH('/api/v1/contacts/{id}', {
          params: { path: { id: contact.id } },
          headers: ifMatch(contact.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (contact: Contact) =>
      unwrap(
        api.DELETE('/api/v1/contacts/{id}', {
          params: { path: { id: contact.id } },
          headers: ifMatch(contact.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}

/** The matches of a 409 duplicate_contact: a number or e-mail that belongs to another customer. */
export function duplicateContactOf(e: unknown): DuplicateMatch[] | null {
  if (!(e instanceof ApiProblem) || e.code !== 'duplicate_contact') return null;
  return (e.body as { matches?: DuplicateMatch[] }).matches ?? [];
}
