import type { Catalogue } from '../types';
import type { attachments as zh } from '../zh-CN/attachments';

export const attachments: Catalogue<typeof zh> = {
  attachments: {
    tab: 'Attachments',
    kind: 'File type',
    plainKind: 'Other file',
    dragHint: 'Click or drag a file here to upload',
    limitHint: 'One file at a time, up to {{size}}; no executables or scripts',
    upload: 'Upload file',
    uploading: 'Uploading…',
    uploaded: 'Uploaded {{name}}',
    empty: 'No attachments yet',
    download: 'Download',
    delete: 'Delete',
    deleteConfirm: 'Delete the attachment “{{name}}”? It goes to the recycle bin.',
    deleted: 'Attachment deleted',
    uploadedBy: 'uploaded by {{name}}',
    timeline: {
      create: 'uploaded the attachment',
      delete: 'deleted the attachment',
      move: 'moved in the attachment',
    },
  },
};
