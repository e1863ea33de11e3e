import {
  sendAnswerToMergedSupporters,
  sendResidentNotice,
  sendResidentUpdate,
} from '../notifications/resident';
import { sendAgencyUpdate } from '../notifications/agency-update';
import { sendCooperationNotice } from '../notifications/cooperation';
import { sendAgencyNotice, sendResidentAnswered } from '../notifications/service';
import { routeSubmission } from '../routing/service';
import type { OutboxHandler } from './process';

/** What each outbox event does. */
export const handleOutboxEvent: OutboxHandler = async (deps, submission, event) => {
  const submissionId = submission._id;
  switch (event.type) {
    case 'route':
      return routeSubmission(deps, submission);
    case 'agency-info':
      return sendCooperationNotice(deps, submissionId, event.assignmentId, event.agencyCode);
    case 'index':
      // The read models take the item as just read: safe in any order with routing, and twice.
      return deps.lifecycle.refresh(submission);
    case 'agency-notice':
      return sendAgencyNotice(deps, submission, event.assignmentId);
    case 'agency-resend':
      return sendAgencyNotice(deps, submission, event.assignmentId, { resend: event.n });
    case 'resident-answered':
      await sendResidentAnswered(deps, submissionId);
      return sendAnswerToMergedSupporters(deps, submissionId);
    case 'resident-notice':
      return sendResidentNotice(deps, submissionId, event.reason);
    case 'resident-update':
      return sendResidentUpdate(deps, submissionId, event.entry);
    case 'agency-update':
      return sendAgencyUpdate(deps, submissionId, event.entry);
  }
};
