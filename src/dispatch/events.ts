import { z } from 'zod';

/**
 * The catalogue of side effects a submission's outbox can hold: each event is
 * declared here once, by name, with the schema of its arguments. The union type,
 * the encoding and the decoding are derived from it, and the handlers
 * (src/dispatch/handlers.ts) are a mapped type over it, so an event without a
 * handler does not compile.
 *
 * An event travels as a short string (`name` or `name:arg1~arg2`, the arguments
 * in declared order) so that it can live in the document's `outbox` array, be
 * taken off it by value, and name a BullMQ job. The strings are those written
 * before the catalogue existed (the separator is declared per event for that
 * reason), so outboxes already stored and jobs already queued decode unchanged.
 */

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const historyEntryId = z.string().regex(/^[0-9a-f]{8,32}$/);

function event<const S extends Record<string, z.ZodType<unknown, string>>>(
  args: S,
  separator = '~',
) {
  return { args: z.strictObject(args), keys: Object.keys(args), separator };
}

export const OUTBOX_EVENTS = {
  route: event({}),
  /** Put a new item in the inbox of open items and the report counters. */
  index: event({}),
  /** Tell a cooperating agency about an assignment it supports (no reply link). */
  'agency-info': event({
    assignmentId: objectId,
    agencyCode: z.string().regex(/^[a-z0-9-]+$/),
  }),
  'agency-notice': event({ assignmentId: objectId }),
  /** An officer had the notice sent again (the n-th time), with a new link. */
  'agency-resend': event(
    {
      assignmentId: objectId,
      n: z
        .string()
        .regex(/^\d{1,6}$/)
        .transform(Number),
    },
    '-',
  ),
  'resident-answered': event({}),
  /** The receipt of a sentiment (a petition's receipt is its routing message). */
  'resident-receipt': event({}),
  'resident-notice': event({ reason: z.enum(['rejected', 'redirected', 'merged', 'noted']) }),
  /** Tell the resident (and merged supporters) about the history entry with this id. */
  'resident-update': event({ entry: historyEntryId }),
  /** Tell the current agency about the history entry with this id (e.g. the resident's reply). */
  'agency-update': event({ entry: historyEntryId }),
};

type Catalogue = typeof OUTBOX_EVENTS;
export type OutboxEventName = keyof Catalogue;
type Args<K extends OutboxEventName> = Catalogue[K]['args']['shape'];
export type OutboxEventOf<K extends OutboxEventName> = { type: K } & {
  [P in keyof Args<K>]: z.output<Args<K>[P]>;
};
export type OutboxEvent = { [K in OutboxEventName]: OutboxEventOf<K> }[OutboxEventName];

export const OUTBOX_EVENT_NAMES = Object.keys(OUTBOX_EVENTS) as OutboxEventName[];

const isName = (s: string): s is OutboxEventName => Object.hasOwn(OUTBOX_EVENTS, s);

export function encodeEvent(e: OutboxEvent): string {
  const { keys, separator } = OUTBOX_EVENTS[e.type];
  if (keys.length === 0) return e.type;
  const values = e as unknown as Record<string, unknown>;
  return `${e.type}:${keys.map((k) => String(values[k])).join(separator)}`;
}

/** The event a stored string names, or null when it is not one of the catalogue's. */
export function decodeEvent(s: string): OutboxEvent | null {
  const colon = s.indexOf(':');
  const type = colon < 0 ? s : s.slice(0, colon);
  if (!isName(type)) return null;
  const { args, keys, separator } = OUTBOX_EVENTS[type];
  const parts = colon < 0 ? [] : s.slice(colon + 1).split(separator);
  if (parts.length !== keys.length) return null;
  const parsed = args.safeParse(Object.fromEntries(keys.map((k, i) => [k, parts[i]])));
  return parsed.success ? ({ type, ...parsed.data } as OutboxEvent) : null;
}

/** One job per submission and event: BullMQ drops a second add with the same id. */
export function jobIdFor(submissionId: string, event: string): string {
  return `${submissionId}-${event.replace(/:/g, '-')}`;
}
