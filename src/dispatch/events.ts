/**
 * The side effects a submission's outbox can hold. Each is a plain string so that
 * it can live in the document's `outbox` array and name a BullMQ job.
 */
export type OutboxEvent =
  | { type: 'route' }
  | { type: 'agency-notice'; assignmentId: string }
  | { type: 'resident-answered' }
  | { type: 'resident-notice'; reason: 'rejected' | 'redirected' | 'merged' }
  /** Tell the resident (and merged supporters) about the history entry with this id. */
  | { type: 'resident-update'; entry: string };

export function encodeEvent(e: OutboxEvent): string {
  if (e.type === 'agency-notice') return `agency-notice:${e.assignmentId}`;
  if (e.type === 'resident-notice') return `resident-notice:${e.reason}`;
  if (e.type === 'resident-update') return `resident-update:${e.entry}`;
  return e.type;
}

export function decodeEvent(s: string): OutboxEvent | null {
  const [type, arg] = s.split(':');
  if (type === 'route' || type === 'resident-answered') return { type };
  if (type === 'agency-notice' && arg && /^[0-9a-f]{24}$/.test(arg))
    return { type, assignmentId: arg };
  if (
    type === 'resident-notice' &&
    (arg === 'rejected' || arg === 'redirected' || arg === 'merged')
  )
    return { type, reason: arg };
  if (type === 'resident-update' && arg && /^[0-9a-f]{8,32}$/.test(arg))
    return { type, entry: arg };
  return null;
}

/** One job per submission and event: BullMQ drops a second add with the same id. */
export function jobIdFor(submissionId: string, event: string): string {
  return `${submissionId}-${event.replace(/:/g, '-')}`;
}
