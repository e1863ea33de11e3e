/**
 * The statuses of a submission and the moves between them: the foundation the
 * state machine (`lifecycle.ts`) and every feature stand on. Imports nothing.
 */
export const SUBMISSION_STATUSES = [
  'received',
  'needs_triage',
  'assigned',
  'acknowledged',
  'in_progress',
  'awaiting_resident',
  'answered',
  'reopened',
  'closed',
  'rejected',
  'redirected',
  'merged',
  'noted',
  'withdrawn',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** With an agency: it must answer (and its deadline runs, except while awaiting the resident). */
export const AGENCY_STATUSES: readonly SubmissionStatus[] = [
  'assigned',
  'acknowledged',
  'in_progress',
  'awaiting_resident',
];

/** Open: someone (officers or an agency) still has work to do. These fill the inbox. */
export const OPEN_STATUSES: readonly SubmissionStatus[] = [
  'received',
  'needs_triage',
  'reopened',
  ...AGENCY_STATUSES,
];

/** Nothing more happens, except that an answered petition may be closed or reopened by its resident. */
export const CLOSED_STATUSES: readonly SubmissionStatus[] = [
  'answered',
  'closed',
  'rejected',
  'redirected',
  'merged',
  'noted',
  'withdrawn',
];

/** What officers may do to any open item: hand it on, or end it. */
const TRIAGE_EXITS = ['assigned', 'rejected', 'redirected', 'merged'] as const;
/** From any agency status: answered, declined (back to triage), withdrawn, or ended by officers. */
const AGENCY_EXITS = ['answered', 'needs_triage', 'withdrawn', ...TRIAGE_EXITS] as const;

const ALLOWED: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  // A petition is routed to one agency, or to the officers' inbox when no rule
  // (or more than one equally specific rule) matches. Officers may act at once.
  // The resident may withdraw anything still open (through their private link).
  received: ['needs_triage', 'noted', 'withdrawn', ...TRIAGE_EXITS],
  // Triage: assign, reject with a reason, redirect a complaint or denunciation to
  // its own procedure, merge into a duplicate, note a sentiment (or turn it into a
  // petition, which sends it through routing again: back to `received`).
  needs_triage: ['received', 'noted', 'withdrawn', ...TRIAGE_EXITS],
  // With the agency: it acknowledges, reports progress, may wait for the resident
  // (the deadline pauses), answers, or declines (back to triage). Officers may
  // re-route (assigned → assigned with a new assignment) or end it.
  assigned: ['acknowledged', 'in_progress', 'awaiting_resident', ...AGENCY_EXITS],
  acknowledged: ['in_progress', 'awaiting_resident', ...AGENCY_EXITS],
  in_progress: ['in_progress', 'awaiting_resident', ...AGENCY_EXITS],
  awaiting_resident: ['acknowledged', 'in_progress', ...AGENCY_EXITS],
  // The resident rates the answer: satisfied (or silent long enough) closes it,
  // not satisfied reopens it for the officers.
  answered: ['closed', 'reopened'],
  reopened: ['closed', 'needs_triage', 'withdrawn', ...TRIAGE_EXITS],
  closed: [],
  rejected: [],
  redirected: [],
  merged: [],
  noted: [],
  withdrawn: [],
};

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return ALLOWED[from].includes(to);
}

export class TransitionNotAllowed extends Error {
  constructor(
    readonly from: SubmissionStatus,
    readonly to: SubmissionStatus,
  ) {
    super(`a submission cannot go from ${from} to ${to}`);
  }
}
