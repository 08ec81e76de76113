import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

// 待办 over the typed API client: one request for every section's count and first items.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Todo = JsonOf<paths['/api/v1/todo']['get']['responses'][200]>;
export type TodoView = 'mine' | 'team';
export type TodoLine = Todo['followUps']['items'][number];
export type TodoApproval = Todo['approvals']['items'][number];

/** Items per section: the page, the home card and the menu badge share one request. */
export const todoLimit = 10;

export const useTodo = (view: TodoView) =>
  useQuery({
    queryKey: ['todo', view],
    queryFn: () => unwrap(api.GET('/api/v1/todo', { params: { query: { view, limit: todoLimit } } })),
    refetchInterval: 60_000,
  });
