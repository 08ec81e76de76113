import { sql } from 'kysely';
import { registerTimelineChildren } from '../../platform/audit/timeline.js';
import { attachableOf } from './attachables.js';

// Uploads, deletions and moves of a record's files show on that record's timeline (deleted files too:
// their deletion is part of the history).
registerTimelineChildren('attachment', (orgId, parentObject, parentId) =>
  attachableOf(parentObject)
    ? sql`select t.id from attachments t
        where t.org_id = ${orgId} and t.object = ${parentObject} and t.record_id = ${parentId}`
    : null,
);
