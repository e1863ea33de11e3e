import {
  sendResidentAnswered,
  sendResidentNotice,
  sendResidentReceipt,
  sendResidentUpdate,
} from '../notifications';
import { sendAgencyUpdate } from '../notifications';
import { sendCooperationNotice } from '../notifications';
import { sendAgencyNotice } from '../notifications';
import { routeSubmission } from '../routing';
import type { OutboxHandlers } from './process';

/** What each outbox event does: one handler per event of the catalogue (src/dispatch/events.ts). */
export const outboxHandlers: OutboxHandlers = {
  route: (deps, submission) => routeSubmission(deps, submission),
  'agency-info': (deps, submission, e) =>
    sendCooperationNotice(deps, submission._id, e.assignmentId, e.agencyCode),
  // The read models take the item as just read: safe in any order with routing, and twice.
  index: (deps, submission) => deps.lifecycle.refresh(submission),
  'agency-notice': (deps, submission, e) => sendAgencyNotice(deps, submission, e.assignmentId),
  'agency-resend': (deps, submission, e) =>
    sendAgencyNotice(deps, submission, e.assignmentId, { resend: e.n }),
  'resident-answered': (deps, submission) => sendResidentAnswered(deps, submission._id),
  'resident-receipt': (deps, submission) => sendResidentReceipt(deps, submission),
  'resident-notice': (deps, submission, e) => sendResidentNotice(deps, submission._id, e.reason),
  // The outbox's reading holds the entry (written with the event).
  'resident-update': (deps, submission, e) => sendResidentUpdate(deps, submission, e.entry),
  'agency-update': (deps, submission, e) => sendAgencyUpdate(deps, submission._id, e.entry),
};
