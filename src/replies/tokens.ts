import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../deps';
import type { Assignment } from '../routing/model';

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const DAY_MS = 24 * 3600 * 1000;

/**
 * Issues the reply link's token for an assignment, replacing any earlier one (so
 * only the latest e-mailed link works; the earlier one's hash is kept, see model.ts). It stays valid for REPLY_TOKEN_TTL_DAYS,
 * and at least 30 days past the due date.
 */
export async function issueReplyToken(deps: Deps, assignment: Assignment): Promise<string> {
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = new Date(
    Math.max(
      now.getTime() + deps.config.REPLY_TOKEN_TTL_DAYS * DAY_MS,
      assignment.dueAt.getTime() + 30 * DAY_MS,
    ),
  );
  const fields = {
    tokenHash: hashToken(token),
    submissionId: assignment.submissionId,
    agencyCode: assignment.agencyCode,
    createdAt: now,
    expiresAt,
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // Most assignments have no token yet (their first notice): try the insert first.
    const existing =
      attempt === 0
        ? null
        : await deps.models.ReplyToken.findOne({ assignmentId: assignment._id }).lean();
    if (!existing) {
      try {
        await deps.models.ReplyToken.create({ ...fields, assignmentId: assignment._id });
        return token;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        continue; // there is one already: replace it
      }
    }
    // Only if nobody replaced it meanwhile, so no earlier hash is lost.
    const res = await deps.models.ReplyToken.updateOne(
      { _id: existing._id, tokenHash: existing.tokenHash },
      {
        $set: fields,
        $unset: { revokedAt: 1 },
        $push: { previousHashes: existing.tokenHash },
      },
    );
    if (res.matchedCount === 1) return token;
  }
  throw new Error('could not issue a reply token: too much contention');
}
