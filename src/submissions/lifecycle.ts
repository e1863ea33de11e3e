import { randomBytes } from 'node:crypto';
import type { Types, UpdateQuery } from 'mongoose';
import { encodeEvent } from '../dispatch/events';
import type { Models } from '../models';
import { countTransition } from '../reports/stats';
import type { Clock } from '../platform/clock';
import { syncInbox } from '../triage/projection';
import type { Actor, HistoryEntry, Submission } from './model';

/**
 * The one state machine of submissions. Every status change goes through
 * `transition`, which checks the move is allowed, applies it with a single
 * conditional update (so two racing changes cannot both win), appends to the
 * history and queues the side effects in the document's outbox.
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
];

/** What officers may do to any open item: hand it on, or end it. */
const TRIAGE_EXITS = ['assigned', 'rejected', 'redirected', 'merged'] as const;

const ALLOWED: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  // A petition is routed to one agency, or to the officers' inbox when no rule
  // (or more than one equally specific rule) matches. Officers may act at once.
  received: ['needs_triage', 'noted', ...TRIAGE_EXITS],
  // Triage: assign, reject with a reason, redirect a complaint or denunciation to
  // its own procedure, merge into a duplicate, note a sentiment (or turn it into a
  // petition, which sends it through routing again: back to `received`).
  needs_triage: ['received', 'noted', ...TRIAGE_EXITS],
  // With the agency: it acknowledges, reports progress, may wait for the resident
  // (the deadline pauses), answers, or declines (back to triage). Officers may
  // re-route (assigned → assigned with a new assignment) or end it.
  assigned: [
    'acknowledged',
    'in_progress',
    'awaiting_resident',
    'answered',
    'needs_triage',
    ...TRIAGE_EXITS,
  ],
  acknowledged: ['in_progress', 'awaiting_resident', 'answered', 'needs_triage', ...TRIAGE_EXITS],
  in_progress: ['in_progress', 'awaiting_resident', 'answered', 'needs_triage', ...TRIAGE_EXITS],
  awaiting_resident: ['acknowledged', 'in_progress', 'answered', 'needs_triage', ...TRIAGE_EXITS],
  // The resident rates the answer: satisfied (or silent long enough) closes it,
  // not satisfied reopens it for the officers.
  answered: ['closed', 'reopened'],
  reopened: ['closed', 'needs_triage', ...TRIAGE_EXITS],
  closed: [],
  rejected: [],
  redirected: [],
  merged: [],
  noted: [],
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

export interface TransitionRequest {
  from: SubmissionStatus;
  to: SubmissionStatus;
  actor: Actor;
  action: string;
  note?: string;
  /** Extra fields set together with the status. */
  set?: Partial<Submission>;
  /** Extra conditions on the current document (e.g. which assignment is current). */
  where?: Record<string, unknown>;
  /** Side effects to carry out once the change is stored. */
  effects?: string[];
  /** Tell the resident (and merged supporters) about this change. */
  notifyResident?: boolean;
  /** Tell the current agency about this change (e.g. the resident's reply to its question). */
  notifyAgency?: boolean;
}

/**
 * Applies a transition. Returns the updated document, or null when the document
 * was not in `from` (any more): the caller decides whether that is an error.
 */
export async function transition(
  models: Models,
  clock: Clock,
  id: Types.ObjectId | string,
  req: TransitionRequest,
): Promise<Submission | null> {
  if (!canTransition(req.from, req.to)) throw new TransitionNotAllowed(req.from, req.to);
  const entryId =
    req.notifyResident || req.notifyAgency ? randomBytes(6).toString('hex') : undefined;
  const entry: HistoryEntry = {
    ...(entryId ? { id: entryId } : {}),
    at: clock.now(),
    actor: req.actor,
    action: req.action,
    from: req.from,
    to: req.to,
    ...(req.note ? { note: req.note } : {}),
  };
  const effects = [
    ...(req.effects ?? []),
    ...(entryId && req.notifyResident
      ? [encodeEvent({ type: 'resident-update', entry: entryId })]
      : []),
    ...(entryId && req.notifyAgency
      ? [encodeEvent({ type: 'agency-update', entry: entryId })]
      : []),
  ];
  const update: UpdateQuery<Submission> = {
    $set: { ...req.set, status: req.to, ...(effects.length ? { outboxPending: true } : {}) },
    $push: {
      history: entry,
      ...(effects.length ? { outbox: { $each: effects } } : {}),
    },
  };
  const updated = await models.Submission.findOneAndUpdate(
    { ...req.where, _id: id, status: req.from },
    update,
    { returnDocument: 'after' },
  ).lean<Submission>();
  // The inbox of open items follows every status change.
  if (updated) await syncInbox(models, updated);
  if (updated) await countTransition(models, req.from, updated);
  return updated;
}

/** The first history entry, written when the submission is created. */
export function receivedEntry(at: Date, actor: Actor): HistoryEntry {
  return { at, actor, action: 'received', to: 'received' };
}

/**
 * Appends a history entry for something that happened without a status change.
 * With a `once` key the entry is appended only if no entry with that key was
 * (the key goes into `historyKeys` in the same single-document update), so a
 * retried or concurrent job records it once. Returns whether it was appended.
 */
export async function recordEvent(
  models: Models,
  id: Types.ObjectId,
  entry: HistoryEntry,
  once?: string,
): Promise<boolean> {
  const res = once
    ? await models.Submission.updateOne(
        { _id: id, historyKeys: { $ne: once } },
        { $push: { history: entry, historyKeys: once } },
      )
    : await models.Submission.updateOne({ _id: id }, { $push: { history: entry } });
  return res.modifiedCount === 1;
}
