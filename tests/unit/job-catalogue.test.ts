import { UnrecoverableError, type Job } from 'bullmq';
import {
  decodeEvent,
  encodeEvent,
  OUTBOX_EVENT_NAMES,
  type OutboxEvent,
} from '../../src/dispatch/events';
import { outboxHandlers } from '../../src/dispatch/handlers';
import { checkOutboxHandlers } from '../../src/dispatch/process';
import { deadlineStepJob, outboxJob, payloadOf } from '../../src/platform/queues';
import { isMaintenanceTask, MAINTENANCE_TASKS } from '../../workers/maintenance';

const id = '0123456789abcdef01234567';

describe('the outbox event catalogue', () => {
  it('reads the strings stored before it existed, and writes them the same', () => {
    const stored: Array<[string, OutboxEvent]> = [
      ['route', { type: 'route' }],
      ['index', { type: 'index' }],
      ['resident-answered', { type: 'resident-answered' }],
      [`agency-notice:${id}`, { type: 'agency-notice', assignmentId: id }],
      [
        `agency-info:${id}~mh-tanphu-ubnd`,
        { type: 'agency-info', assignmentId: id, agencyCode: 'mh-tanphu-ubnd' },
      ],
      [`agency-resend:${id}-3`, { type: 'agency-resend', assignmentId: id, n: 3 }],
      ['resident-notice:merged', { type: 'resident-notice', reason: 'merged' }],
      ['resident-receipt', { type: 'resident-receipt' }],
      ['resident-update:a1b2c3d4e5f6', { type: 'resident-update', entry: 'a1b2c3d4e5f6' }],
      ['agency-update:a1b2c3d4e5f6', { type: 'agency-update', entry: 'a1b2c3d4e5f6' }],
    ];
    expect(stored.map(([, e]) => e.type).sort()).toEqual([...OUTBOX_EVENT_NAMES].sort());
    // A sentiment taken into account is told to its author too.
    expect(decodeEvent('resident-notice:noted')).toEqual({
      type: 'resident-notice',
      reason: 'noted',
    });
    for (const [s, e] of stored) {
      expect(decodeEvent(s)).toEqual(e);
      expect(encodeEvent(e)).toBe(s);
    }
  });

  it('refuses strings that are not one of its events', () => {
    for (const s of [
      'nothing',
      'toString',
      'route:extra',
      'agency-notice',
      `agency-notice:${id}~x`,
      `agency-resend:${id}-x`,
      `agency-resend:${id}`,
      'agency-info:zz~ok',
      `agency-info:${id}~Bad Code`,
      'resident-notice:angry',
      'resident-update:../x',
    ])
      expect(decodeEvent(s)).toBeNull();
  });

  it('has a handler for every event, checked at start-up too', () => {
    expect(() => checkOutboxHandlers(outboxHandlers)).not.toThrow();
    const missing: Record<string, unknown> = { ...outboxHandlers };
    delete missing.route;
    expect(() => checkOutboxHandlers(missing)).toThrow('missing route; unknown none');
    expect(() => checkOutboxHandlers({ ...outboxHandlers, extra: () => undefined })).toThrow(
      'missing none; unknown extra',
    );
  });
});

describe('job payloads', () => {
  const job = (data: unknown) => ({ data, queueName: 'q', id: '1' }) as Job;

  it('are parsed by their schema; a malformed one is not retried', () => {
    expect(payloadOf(outboxJob, job({ submissionId: id, event: 'route' }))).toEqual({
      submissionId: id,
      event: 'route',
    });
    for (const data of [{}, { submissionId: 'x', event: 'route' }, { submissionId: id }, null])
      expect(() => payloadOf(outboxJob, job(data))).toThrow(UnrecoverableError);
    expect(() =>
      payloadOf(deadlineStepJob, job({ step: 'remind', assignmentId: id, dueAt: 'soon' })),
    ).toThrow(/step.*dueAt/s);
  });

  it('name the periodic tasks declared once, each with its schedule', () => {
    expect(Object.keys(MAINTENANCE_TASKS)).toEqual([
      'relay-outbox',
      'deadlines',
      'close-unrated',
      'erase-expired-contacts',
    ]);
    expect(isMaintenanceTask('deadlines')).toBe(true);
    expect(isMaintenanceTask('constructor')).toBe(false);
  });
});
