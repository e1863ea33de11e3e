import { sendAgencyNotice, sendResidentAnswered } from '../notifications/service';
import { routeSubmission } from '../routing/service';
import type { OutboxHandler } from './outbox';

/** What each outbox event does. */
export const handleOutboxEvent: OutboxHandler = async (deps, submissionId, event) => {
  switch (event.type) {
    case 'route':
      return routeSubmission(deps, submissionId);
    case 'agency-notice':
      return sendAgencyNotice(deps, submissionId, event.assignmentId);
    case 'resident-answered':
      return sendResidentAnswered(deps, submissionId);
  }
};
