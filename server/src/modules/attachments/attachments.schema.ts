import { z } from 'zod';
import { listQuery } from '../../platform/http/pagination.js';

// Request and response shapes of /api/v1/attachments. The upload itself is multipart/form-data with
// the text fields `object`, `recordId` and optional `kind` first, then one `file`.

export const objectKey = z.string().regex(/^[a-z][a-z_]{0,39}$/);
/** What a file is for, when a rule asks for one (e.g. requirements_signed before 报价). */
export const kind = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const uploadFields = z.strictObject({
  object: objectKey,
  recordId: z.uuid(),
  kind: kind.optional(),
  /** The record's follow-up the file comes with (a visit's photo). */
  followUpId: z.uuid().optional(),
});

export const listFilters = listQuery.pick({ limit: true, cursor: true }).extend({
  object: objectKey,
  recordId: z.uuid(),
  kind: kind.optional(),
  followUpId: z.uuid().optional(),
});

export const attachment = z.object({
  id: z.string(),
  object: z.string(),
  recordId: z.string(),
  kind: z.string().nullable(),
  /** The follow-up it came with, if any. */
  followUpId: z.string().nullable(),
  /** The uploader's file name, for display (the file is stored under a generated key). */
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
  /** Whether the caller may delete it (update rights on the record). */
  canDelete: z.boolean(),
});

export const attachmentPage = z.object({
  data: z.array(attachment),
  nextCursor: z.string().nullable(),
  /** Whether the caller may add files to this record (update rights on it). */
  canUpload: z.boolean(),
  /** The largest file this record takes, in bytes. */
  maxBytes: z.number(),
});
