/** The public entry of src/replies/: what other features may use of it. */
export { tokenGuard } from './guard';
export { readForm } from './multipart';
export { answerInput } from './schemas';
export {
  type DeadLinkState,
  type ReplyLink,
  readReplyLink,
  recordAnswer,
  resolveReplyLink,
  resolveReplyToken,
} from './service';
export { issueReplyToken } from './tokens';
