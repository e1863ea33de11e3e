import { z } from '../platform/zod';
import { BODIES, PHASES, VERDICTS } from './model';

export const sessionInput = z
  .strictObject({
    body: z.enum(BODIES),
    jurisdictionCode: z.string().min(1).max(128),
    number: z.coerce.number().int().min(1).max(100),
    term: z.string().max(20).optional(),
    opensOn: z.iso.date(),
    closesOn: z.iso.date(),
  })
  .refine((s) => s.closesOn >= s.opensOn, { path: ['closesOn'], message: 'before opensOn' })
  .openapi('VoterSessionInput');
export type SessionInput = z.infer<typeof sessionInput>;

export const meetingInput = z
  .strictObject({
    phase: z.enum(PHASES),
    date: z.iso.date(),
    place: z.string().trim().min(1).max(300),
    jurisdictionCode: z.string().min(1).max(128),
    deputies: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
    attendees: z.coerce.number().int().min(0).max(100_000),
  })
  .openapi('VoterMeetingInput');
export type MeetingInput = z.infer<typeof meetingInput>;

/** A row as typed or read from a spreadsheet: checked one by one (see rows.ts). */
export const rowInput = z.object({
  text: z.string().max(4000).optional(),
  category: z.string().max(100).optional(),
  competence: z.string().max(40).optional(),
  commune: z.string().max(160).optional(),
  voterCount: z.union([z.string().max(10), z.number()]).optional(),
  voterName: z.string().max(120).optional(),
});
export type RowInput = z.infer<typeof rowInput>;

export const rowsInput = z
  .strictObject({ rows: z.array(rowInput).min(1).max(200) })
  .openapi('VoterRowsInput');

export const forwardInput = z
  .strictObject({
    /** Agency per consolidated petition id; missing ones use the routing rules. */
    agencies: z.record(z.string(), z.string().max(64)).default({}),
  })
  .openapi('VoterForwardInput');

export const verdictInput = z
  .strictObject({ verdict: z.enum(VERDICTS), note: z.string().max(2000).optional() })
  .openapi('VoterVerdictInput');
