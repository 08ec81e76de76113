export { AttachmentsPanel } from './AttachmentsPanel';
export { attachmentEventText } from './timeline';
