/**
 * The side effects a submission's outbox can hold. Each is a plain string so that
 * it can live in the document's `outbox` array and name a BullMQ job.
 */
export type OutboxEvent =
  | { type: 'route' }
  /** Put a new item in the inbox of open items and the report counters. */
  | { type: 'index' }
  /** Tell a cooperating agency about an assignment it supports (no reply link). */
  | { type: 'agency-info'; assignmentId: string; agencyCode: string }
  | { type: 'agency-notice'; assignmentId: string }
  /** An officer had the notice sent again (the n-th time), with a new link. */
  | { type: 'agency-resend'; assignmentId: string; n: number }
  | { type: 'resident-answered' }
  | { type: 'resident-notice'; reason: 'rejected' | 'redirected' | 'merged' }
  /** Tell the resident (and merged supporters) about the history entry with this id. */
  | { type: 'resident-update'; entry: string }
  /** Tell the current agency about the history entry with this id (e.g. the resident's reply). */
  | { type: 'agency-update'; entry: string };

export function encodeEvent(e: OutboxEvent): string {
  if (e.type === 'agency-notice') return `agency-notice:${e.assignmentId}`;
  if (e.type === 'agency-info') return `agency-info:${e.assignmentId}~${e.agencyCode}`;
  if (e.type === 'agency-resend') return `agency-resend:${e.assignmentId}-${e.n}`;
  if (e.type === 'resident-notice') return `resident-notice:${e.reason}`;
  if (e.type === 'resident-update') return `resident-update:${e.entry}`;
  if (e.type === 'agency-update') return `agency-update:${e.entry}`;
  return e.type;
}

export function decodeEvent(s: string): OutboxEvent | null {
  const [type, arg] = s.split(':');
  if (type === 'route' || type === 'index' || type === 'resident-answered') return { type };
  if (type === 'agency-info' && arg) {
    const [assignmentId, agencyCode] = arg.split('~');
    if (
      assignmentId &&
      /^[0-9a-f]{24}$/.test(assignmentId) &&
      agencyCode &&
      /^[a-z0-9-]+$/.test(agencyCode)
    )
      return { type, assignmentId, agencyCode };
  }
  if (type === 'agency-notice' && arg && /^[0-9a-f]{24}$/.test(arg))
    return { type, assignmentId: arg };
  const resend = type === 'agency-resend' && arg ? /^([0-9a-f]{24})-(\d{1,6})$/.exec(arg) : null;
  if (resend) return { type: 'agency-resend', assignmentId: resend[1]!, n: Number(resend[2]) };
  if (
    type === 'resident-notice' &&
    (arg === 'rejected' || arg === 'redirected' || arg === 'merged')
  )
    return { type, reason: arg };
  if (
    (type === 'resident-update' || type === 'agency-update') &&
    arg &&
    /^[0-9a-f]{8,32}$/.test(arg)
  )
    return { type, entry: arg };
  return null;
}

/** One job per submission and event: BullMQ drops a second add with the same id. */
export function jobIdFor(submissionId: string, event: string): string {
  return `${submissionId}-${event.replace(/:/g, '-')}`;
}
