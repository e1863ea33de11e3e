/** The public entry of src/attachments/: what other features may use of it. */
export {
  ATTACHMENT_LIMITS,
  type CheckedFile,
  type FileProblem,
  type IncomingFile,
  checkFile,
} from './files';
export { attachmentRoutes, contentDisposition } from './routes';
export {
  type AttachmentLink,
  answerAttachments,
  answerAttachmentsByCode,
  storeAttachments,
} from './service';
