import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, canOnRecord } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, type FieldError, notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { newId } from '../../platform/ids.js';
import { StorageLimitError, StorageNotFoundError, type StoredObject } from '../../platform/storage/index.js';
import { attachableOf } from './attachables.js';
import './timeline.js';
import { countAttachments, present, selectAttachments } from './attachments.repo.js';
import { attachment, attachmentPage, listFilters, uploadFields } from './attachments.schema.js';
import {
  assertAttachmentTarget,
  assertFollowUpOf,
  attachmentDefaults,
  attachmentMaxBytes,
  screenedUpload,
  tooLarge,
} from './attachments.service.js';
import {
  attachmentDisposition,
  displayFileName,
  downloadContentType,
  refusedByName,
  storedContentType,
} from './file-rules.js';

const textFields = new Set(['object', 'recordId', 'kind', 'followUpId']);

/**
 * 附件: files on records. The routes need a signed-in user; the record's own access decides the rest
 * (read to list and download, update to upload and delete), so an attachment is visible exactly when
 * its record is.
 */
export function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, storage } = ctx;
  const newestFirst = parseSort('-createdAt', { createdAt: { column: 'a.created_at', type: 'number' } }, '');

  api.get(
    '/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['attachments'],
        summary: "A record's attachments, newest first",
        querystring: listFilters,
        response: { 200: attachmentPage, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const q = req.query;
      await assertAttachmentTarget(db, actor, q.object, q.recordId, 'read', 'query');
      let query = selectAttachments(db, actor.orgId)
        .where('a.object', '=', q.object)
        .where('a.recordId', '=', q.recordId);
      if (q.kind) query = query.where('a.kind', '=', q.kind);
      if (q.followUpId) query = query.where('a.followUpId', '=', q.followUpId);
      const result = await pageOf(query, {
        sort: newestFirst,
        idColumn: 'a.id',
        limit: q.limit,
        cursor: q.cursor,
        valueOf: (r) => Number(r.createdAt),
      });
      const canDelete = await canOnRecord(db, actor, q.object, 'update', q.recordId);
      return {
        data: result.data.map((r) => present(r, canDelete)),
        nextCursor: result.nextCursor,
        canUpload: canDelete,
        maxBytes: attachmentMaxBytes(ctx.config.maxUploadBytes),
      };
    },
  );

  api.post(
    '/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['attachments'],
        summary: 'Upload one file to a record',
        description:
          'multipart/form-data: the text fields `object` (e.g. customer), `recordId` and optional `kind` first, then one `file`. ' +
          'Needs update rights on the record. Refused: empty files, executables and scripts (by extension and content), ' +
          'files over the size limit (413), more than 200 files on one record.',
        consumes: ['multipart/form-data'],
        response: { 201: attachment, 413: problem, 415: problem, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const maxBytes = attachmentMaxBytes(ctx.config.maxUploadBytes);
      const fields: Record<string, string> = {};
      let upload: {
        stored: StoredObject;
        fileName: string;
        object: string;
        recordId: string;
        kind?: string;
        followUpId?: string;
      } | null = null;
      try {
        for await (const part of req.parts()) {
          if (upload) throw new AppError(400, 'attachment_fields_first');
          if (part.type === 'field') {
            if (!textFields.has(part.fieldname) || part.fieldname in fields)
              throw new AppError(400, 'validation_failed', {}, { errors: [unrecognized(part.fieldname)] });
            fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== 'file')
            throw new AppError(400, 'validation_failed', {}, { errors: [unrecognized(part.fieldname)] });
          const target = parseFields(fields);
          await assertAttachmentTarget(db, actor, target.object, target.recordId, 'update');
          if (target.followUpId) await assertFollowUpOf(db, actor.orgId, target);
          const count = await countAttachments(db, actor.orgId, target.object, target.recordId);
          if (count >= attachmentDefaults.maxPerRecord)
            throw new AppError(422, 'attachment_limit', { max: attachmentDefaults.maxPerRecord });
          const fileName = displayFileName(part.filename);
          const refused = refusedByName(fileName) ?? refusedByName(part.filename);
          if (refused) throw new AppError(422, 'attachment_type_refused', { name: refused });
          const stored = await storage.put(screenedUpload(part as MultipartFile, maxBytes), {
            namespace: 'attachments',
            maxBytes,
          });
          upload = { stored, fileName, ...target };
        }
      } catch (err) {
        if (upload) await removeQuietly(req, upload.stored.key);
        throw uploadProblem(err, maxBytes);
      }
      if (!upload)
        throw new AppError(
          400,
          'attachment_file_required',
          {},
          { errors: [{ path: 'body.file', code: 'attachment_file_required' }] },
        );

      const { stored, fileName, object, recordId, kind, followUpId } = upload;
      const now = clock.now();
      const id = newId();
      const row = {
        id,
        orgId: actor.orgId,
        object,
        recordId,
        kind: kind ?? null,
        followUpId: followUpId ?? null,
        fileName,
        contentType: storedContentType(fileName),
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
        createdBy: actor.userId,
        createdAt: now,
      };
      try {
        await db.transaction().execute(async (tx) => {
          await tx.insertInto('attachments').values(row).execute();
          const { orgId: _o, storageKey: _k, id: _i, ...audited } = row;
          await recordChange(tx, {
            ...changeMeta(req, now),
            object: 'attachment',
            recordId: id,
            action: 'create',
            after: audited,
            payload: { parentObject: object, parentId: recordId, fileName, kind: kind ?? null },
          });
        });
      } catch (err) {
        await removeQuietly(req, stored.key);
        throw err;
      }
      const saved = await selectAttachments(db, actor.orgId).where('a.id', '=', id).executeTakeFirstOrThrow();
      return reply.status(201).send(present(saved, true));
    },
  );

  api.get(
    '/attachments/:id/download',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['attachments'],
        summary: 'Download a file (always as an attachment, never rendered inline)',
        params: idParams,
        response: commonErrors,
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const row = await selectAttachments(db, actor.orgId)
        .where('a.id', '=', req.params.id)
        .executeTakeFirst();
      if (!row || !attachableOf(row.object)) throw notFound();
      await assertAttachmentTarget(db, actor, row.object, row.recordId, 'read');
      let body: NodeJS.ReadableStream;
      try {
        body = await storage.get(row.storageKey);
      } catch (err) {
        if (!(err instanceof StorageNotFoundError)) throw err;
        req.log.error({ attachmentId: row.id, key: row.storageKey }, 'attachment bytes missing from storage');
        throw notFound();
      }
      return reply
        .header('content-type', downloadContentType(row.contentType))
        .header('content-length', String(row.size))
        .header('content-disposition', attachmentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('cache-control', 'private, no-cache')
        .send(body as never); // the file bytes, streamed (no JSON schema applies)
    },
  );

  api.delete(
    '/attachments/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['attachments'],
        summary: 'Delete a file (to the recycle bin; needs update rights on its record)',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const row = await selectAttachments(tx, actor.orgId)
          .where('a.id', '=', req.params.id)
          .executeTakeFirst();
        if (!row || !attachableOf(row.object)) throw notFound();
        await assertAttachmentTarget(tx, actor, row.object, row.recordId, 'update');
        await tx
          .updateTable('attachments')
          .set({ deletedAt: now })
          .where('id', '=', row.id)
          .where('deletedAt', 'is', null)
          .execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'attachment',
          recordId: row.id,
          action: 'delete',
          before: {
            object: row.object,
            recordId: row.recordId,
            kind: row.kind,
            fileName: row.fileName,
            size: Number(row.size),
          },
          payload: { parentObject: row.object, parentId: row.recordId, fileName: row.fileName },
        });
      });
      return reply.status(204).send(null);
    },
  );

  async function removeQuietly(req: FastifyRequest, key: string) {
    await storage
      .delete(key)
      .catch((err) => req.log.error({ err, key }, 'could not remove a refused upload'));
  }
}

const unrecognized = (name: string): FieldError => ({ path: `body.${name}`, code: 'unrecognized_keys' });

/** The text fields sent before the file; missing ones mean they came after it (or not at all). */
function parseFields(fields: Record<string, string>) {
  if (!('object' in fields) || !('recordId' in fields))
    throw new AppError(
      400,
      'attachment_fields_first',
      {},
      {
        errors: ['object', 'recordId']
          .filter((f) => !(f in fields))
          .map((f) => ({ path: `body.${f}`, code: 'attachment_fields_first' })),
      },
    );
  const parsed = uploadFields.safeParse(fields);
  if (!parsed.success)
    throw new AppError(
      400,
      'validation_failed',
      {},
      {
        errors: parsed.error.issues.map((i) => ({
          path: ['body', ...i.path].join('.'),
          code: 'invalid_format',
        })),
      },
    );
  return parsed.data;
}

/** The problem for a failed upload: parser limits and storage refusals in the caller's words. */
function uploadProblem(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof StorageLimitError) return tooLarge(maxBytes);
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT')
    return new AppError(
      400,
      'attachment_one_file',
      {},
      { errors: [{ path: 'body.file', code: 'attachment_one_file' }] },
    );
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError(415, 'unsupported_media_type');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION')
    return new AppError(400, 'bad_request');
  return err;
}
