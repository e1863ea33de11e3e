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
 * only the latest e-mailed link works). It stays valid for REPLY_TOKEN_TTL_DAYS,
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
  await deps.models.ReplyToken.updateOne(
    { assignmentId: assignment._id },
    {
      $set: {
        tokenHash: hashToken(token),
        submissionId: assignment.submissionId,
        agencyCode: assignment.agencyCode,
        createdAt: now,
        expiresAt,
      },
      $unset: { revokedAt: 1 },
    },
    { upsert: true },
  );
  return token;
}
