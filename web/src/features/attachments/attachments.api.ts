import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

export type AttachmentPage =
  paths['/api/v1/attachments']['get']['responses'][200]['content']['application/json'];
export type Attachment = AttachmentPage['data'][number];

export const attachmentsKey = ['attachments'] as const;

/** The files of one record, newest first, 50 per page by keyset cursor. */
export function useAttachments(object: string, recordId: string) {
  return useInfiniteQuery({
    queryKey: [...attachmentsKey, object, recordId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/attachments', {
          params: { query: { object, recordId, limit: 50, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Where the browser downloads a file (the server sends it as an attachment, never inline). */
export const downloadUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}/download`;

export function useAttachmentMutations(object: string, recordId: string) {
  const queryClient = useQueryClient();
  // The record's own queries (its timeline shows uploads and deletions) refresh with its file list.
  const refresh = () =>
    void queryClient.invalidateQueries({
      predicate: (q) => q.queryKey.includes(recordId),
    });
  const upload = useMutation({
    mutationFn: ({ file, kind, followUpId }: { file: File; kind?: string; followUpId?: string }) => {
      // Text fields first, then the file: the server checks where the file goes before storing it.
      const form = new FormData();
      form.append('object', object);
      form.append('recordId', recordId);
      if (kind) form.append('kind', kind);
      if (followUpId) form.append('followUpId', followUpId);
      form.append('file', file, file.name);
      return unwrap(api.POST('/api/v1/attachments', { body: form as never }));
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (a: Attachment) =>
      unwrap(api.DELETE('/api/v1/attachments/{id}', { params: { path: { id: a.id } } })),
    onSettled: refresh,
  });
  return { upload, remove };
}
