import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { isDuplicateKey } from '../platform/db';
import { fail, DomainError } from '../platform/domain-errors';
import { normalizeLine } from '../platform/text';
import type { ApiToken, Officer, Role } from './model';
import { dummyHash, hashPassword, PASSWORD_MIN, verifyPassword } from './passwords';
import type { LoginThrottle } from './throttle';

export interface NewOfficer {
  email: string;
  name: string;
  role: Role;
  jurisdictionCode?: string;
  password: string;
}

export function checkPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN)
    throw fail.validation([
      {
        path: 'password',
        message: `at least ${PASSWORD_MIN} characters`,
        code: 'too_small',
        limit: PASSWORD_MIN,
      },
    ]);
}

/** Creates an officer or an admin; officers must name an existing jurisdiction. */
export async function createOfficer(deps: Deps, input: NewOfficer): Promise<Officer> {
  checkPasswordPolicy(input.password);
  if (input.role === 'officer') {
    const ok =
      input.jurisdictionCode &&
      (await deps.models.Jurisdiction.exists({ code: input.jurisdictionCode }));
    if (!ok)
      throw fail.validation([
        { path: 'jurisdictionCode', message: 'unknown jurisdiction', code: 'unknown' },
      ]);
  }
  const now = deps.clock.now();
  try {
    const created = await deps.models.Officer.create({
      email: input.email.toLowerCase(),
      name: normalizeLine(input.name),
      role: input.role,
      ...(input.role === 'officer' ? { jurisdictionCode: input.jurisdictionCode } : {}),
      passwordHash: await hashPassword(input.password),
      active: true,
      createdAt: now,
      passwordChangedAt: now,
    });
    return created.toObject();
  } catch (err) {
    if (isDuplicateKey(err)) throw fail.because('email-taken');
    throw err;
  }
}

export const loginRefused = () => fail.because('login-failed', 'Check both and try again.');

/**
 * Checks an e-mail and password, under the login throttle. The answer is the same
 * for an unknown account and a wrong password.
 */
export async function authenticate(
  deps: Deps,
  throttle: LoginThrottle,
  email: string,
  password: string,
  ip: string,
): Promise<Officer> {
  const wait = await throttle.blockedFor(email, ip);
  if (wait > 0)
    throw new DomainError(
      'login-throttled',
      `Try again in ${Math.ceil(wait / 60)} minutes.`,
      [],
      wait,
    );
  const officer = await deps.models.Officer.findOne({ email: email.toLowerCase() }).lean();
  const ok = await verifyPassword(officer?.passwordHash ?? (await dummyHash()), password);
  if (!officer || !ok || !officer.active) {
    await throttle.failed(email, ip);
    deps.logger.info({ officerId: officer ? String(officer._id) : undefined }, 'login failed');
    throw loginRefused();
  }
  await throttle.succeeded(email, ip);
  return officer;
}

export async function changePassword(
  deps: Deps,
  officerId: Types.ObjectId,
  current: string,
  next: string,
) {
  const officer = await deps.models.Officer.findById(officerId).lean();
  if (!officer || !(await verifyPassword(officer.passwordHash, current)))
    throw fail.validation([{ path: 'currentPassword', message: 'wrong password', code: 'custom' }]);
  checkPasswordPolicy(next);
  const now = deps.clock.now();
  await deps.models.Officer.updateOne(
    { _id: officerId },
    { $set: { passwordHash: await hashPassword(next), passwordChangedAt: now } },
  );
  // A new password ends every way in that the old one gave: sessions (auth.ts) and API tokens.
  await deps.models.ApiToken.updateMany(
    { officerId, revokedAt: { $exists: false } },
    { $set: { revokedAt: now } },
  );
}

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

/** A token for scripts, shown once; `Authorization: Bearer <token>`. */
export async function createApiToken(
  deps: Deps,
  officerId: Types.ObjectId,
  name: string,
  days?: number,
) {
  const token = `td_${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now();
  const ttl = Math.min(days ?? deps.config.API_TOKEN_DAYS, deps.config.API_TOKEN_DAYS);
  const doc = await deps.models.ApiToken.create({
    tokenHash: hashToken(token),
    officerId,
    name: normalizeLine(name),
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttl * 86_400_000),
  });
  return { id: String(doc._id), token, expiresAt: doc.expiresAt!.toISOString() };
}

const expiryOf = (deps: Deps, t: ApiToken) =>
  t.expiresAt ?? new Date(t.createdAt.getTime() + deps.config.API_TOKEN_DAYS * 86_400_000);

export async function officerForApiToken(deps: Deps, token: string): Promise<Officer | null> {
  if (!/^td_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const record = await deps.models.ApiToken.findOne({ tokenHash: hashToken(token) }).lean();
  const now = deps.clock.now();
  if (!record || record.revokedAt || expiryOf(deps, record) <= now) return null;
  const officer = await deps.models.Officer.findById(record.officerId).lean();
  if (!officer?.active) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000)
    await deps.models.ApiToken.updateOne({ _id: record._id }, { $set: { lastUsedAt: now } });
  return officer;
}

/** Revokes a token: the owner's own (`officerId` given), or any (an admin). */
export async function revokeApiToken(deps: Deps, officerId: Types.ObjectId | null, id: string) {
  const res = await deps.models.ApiToken.updateOne(
    { _id: id, ...(officerId ? { officerId } : {}), revokedAt: { $exists: false } },
    { $set: { revokedAt: deps.clock.now() } },
  );
  if (res.matchedCount === 0) throw fail.notFound('token');
}

/** Tokens, newest first: an officer's own, or everyone's (an admin), with their owners. */
export async function listApiTokens(deps: Deps, officerId: Types.ObjectId | null) {
  const tokens = await deps.models.ApiToken.find(officerId ? { officerId } : {})
    .sort({ createdAt: -1 })
    .limit(1000)
    .lean();
  const owners = officerId
    ? []
    : await deps.models.Officer.find(
        { _id: { $in: [...new Set(tokens.map((t) => t.officerId))] } },
        { email: 1 },
      ).lean();
  const emailOf = new Map(owners.map((o) => [String(o._id), o.email]));
  return tokens.map((t) => ({
    id: String(t._id),
    name: t.name,
    officerId: String(t.officerId),
    ...(emailOf.has(String(t.officerId))
      ? { officerEmail: emailOf.get(String(t.officerId))! }
      : {}),
    createdAt: t.createdAt.toISOString(),
    expiresAt: expiryOf(deps, t).toISOString(),
    ...(t.lastUsedAt ? { lastUsedAt: t.lastUsedAt.toISOString() } : {}),
    ...(t.revokedAt ? { revokedAt: t.revokedAt.toISOString() } : {}),
  }));
}
