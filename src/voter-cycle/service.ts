import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { inScope, type Scope } from '../officers';
import { fail } from '../platform/domain-errors';
import { normalizeLine } from '../platform/text';
import type { Jurisdiction } from '../reference/model';
import { newId, type VoterMeeting, type VoterSession } from './model';
import type { MeetingInput, SessionInput } from './schemas';

/** Sessions and meetings, read and written within the officer's scope. */

async function placeInScope(deps: Deps, scope: Scope, code: string): Promise<Jurisdiction> {
  const j = await deps.reference.jurisdiction(code);
  if (!j || !inScope(scope, j.path))
    throw fail.validation([
      { path: 'jurisdictionCode', message: 'unknown jurisdiction', code: 'unknown' },
    ]);
  return j;
}

export async function createSession(
  deps: Deps,
  scope: Scope,
  input: SessionInput,
): Promise<VoterSession> {
  const j = await placeInScope(deps, scope, input.jurisdictionCode);
  const doc: VoterSession = {
    _id: newId(),
    body: input.body,
    jurisdictionCode: j.code,
    jurisdictionPath: j.path,
    number: input.number,
    ...(input.term ? { term: normalizeLine(input.term) } : {}),
    opensOn: new Date(`${input.opensOn}T00:00:00+07:00`),
    closesOn: new Date(`${input.closesOn}T00:00:00+07:00`),
    createdAt: deps.clock.now(),
  };
  await deps.models.VoterSession.create(doc);
  return doc;
}

export async function findSession(deps: Deps, scope: Scope, id: string): Promise<VoterSession> {
  const s = isId(id) ? await deps.models.VoterSession.findById(id).lean() : null;
  if (!s || !inScope(scope, s.jurisdictionPath)) throw fail.notFound('session');
  return s;
}

export async function listSessions(deps: Deps, scope: Scope): Promise<VoterSession[]> {
  const filter = scope.all ? {} : { jurisdictionPath: { $in: scope.roots } };
  return deps.models.VoterSession.find(filter).sort({ opensOn: -1 }).limit(200).lean();
}

export async function createMeeting(
  deps: Deps,
  scope: Scope,
  session: VoterSession,
  input: MeetingInput,
): Promise<VoterMeeting> {
  const j = await placeInScope(deps, scope, input.jurisdictionCode);
  if (!j.path.includes(session.jurisdictionCode))
    throw fail.validation([
      { path: 'jurisdictionCode', message: "outside the session's jurisdiction", code: 'scope' },
    ]);
  const doc: VoterMeeting = {
    _id: newId(),
    sessionId: session._id,
    phase: input.phase,
    date: new Date(`${input.date}T00:00:00+07:00`),
    place: normalizeLine(input.place),
    jurisdictionCode: j.code,
    jurisdictionPath: j.path,
    deputies: input.deputies.map(normalizeLine),
    attendees: input.attendees,
    createdAt: deps.clock.now(),
  };
  await deps.models.VoterMeeting.create(doc);
  return doc;
}

export async function findMeeting(
  deps: Deps,
  scope: Scope,
  id: string,
): Promise<{ meeting: VoterMeeting; session: VoterSession }> {
  const m = isId(id)
    ? await deps.models.VoterMeeting.findById(id, { 'minutes.data': 0 }).lean()
    : null;
  if (!m || !inScope(scope, m.jurisdictionPath)) throw fail.notFound('meeting');
  const session = await deps.models.VoterSession.findById(m.sessionId).lean();
  if (!session) throw fail.notFound('meeting');
  return { meeting: m, session };
}

export async function sessionMeetings(
  deps: Deps,
  sessionId: Types.ObjectId,
): Promise<VoterMeeting[]> {
  return deps.models.VoterMeeting.find({ sessionId }, { 'minutes.data': 0 })
    .sort({ date: 1 })
    .lean();
}

export const isId = (id: string) => /^[0-9a-f]{24}$/.test(id);

export function sessionJson(s: VoterSession) {
  return {
    id: String(s._id),
    body: s.body,
    jurisdictionCode: s.jurisdictionCode,
    number: s.number,
    ...(s.term ? { term: s.term } : {}),
    opensOn: s.opensOn.toISOString(),
    closesOn: s.closesOn.toISOString(),
  };
}

export function meetingJson(m: VoterMeeting) {
  return {
    id: String(m._id),
    sessionId: String(m.sessionId),
    phase: m.phase,
    date: m.date.toISOString(),
    place: m.place,
    jurisdictionCode: m.jurisdictionCode,
    deputies: m.deputies,
    attendees: m.attendees,
    minutes: m.minutes ? { name: m.minutes.name, size: m.minutes.size } : null,
  };
}
