export { AttachmentsPanel, type FileKindChoice } from './AttachmentsPanel';
export { useAttachmentMutations } from './attachments.api';
export { attachmentEventText } from './timeline';
