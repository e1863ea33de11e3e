import MongoStore from 'connect-mongo';
import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Deps } from '../deps';
import { Problem } from '../platform/errors';
import { SESSIONS_COLLECTION, type Officer } from './model';
import { scopeFor, type Scope } from './scope';
import { officerForApiToken } from './service';

declare module 'express-session' {
  interface SessionData {
    officerId?: string;
    /** When the password last changed, as the session saw it: a change ends other sessions. */
    passwordChangedAt?: number;
    /** When the officer signed in: a session ends SESSION_ABSOLUTE_HOURS later, however active. */
    signedInAt?: number;
  }
}
declare module 'express-serve-static-core' {
  interface Request {
    officer?: Officer;
    scope?: Scope;
    viaApiToken?: boolean;
  }
}

/** The paths where officers and admins work; only these carry sessions. */
export const OFFICER_AREA = ['/officer', '/api/v1/auth', '/api/v1/officer', '/api/v1/admin'];

/**
 * Sessions live in MongoDB (connect-mongo), so they survive a Redis outage and a
 * restart; the database deletes expired ones (a TTL index). The cookie is httpOnly, SameSite=Lax, and Secure behind https.
 */
export function officerSession(deps: Deps): RequestHandler {
  const secure = deps.config.PUBLIC_BASE_URL.startsWith('https:');
  return session({
    name: 'td.sid',
    secret: deps.config.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: deps.config.TRUST_PROXY !== false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: deps.config.SESSION_HOURS * 3600_000,
    },
    store: MongoStore.create({
      client: deps.db.getClient(),
      dbName: deps.db.name,
      collectionName: SESSIONS_COLLECTION,
      // Expired sessions are deleted by the TTL index declared in model.ts (built
      // with the others by syncIndexes), not by connect-mongo at start.
      autoRemove: 'disabled',
      stringify: false,
    }),
  });
}

/** Who is asking: a bearer API token, or the session's officer. */
export function identify(deps: Deps): RequestHandler {
  return async (req, _res, next) => {
    const bearer = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
    let officer: Officer | null = null;
    if (bearer) {
      officer = await officerForApiToken(deps, bearer);
      if (!officer) return next(new Problem(401, 'unauthenticated', 'Invalid API token'));
      req.viaApiToken = true;
    } else if (req.session?.officerId) {
      officer = await deps.models.Officer.findById(req.session.officerId).lean();
      const tooOld =
        Date.now() - (req.session.signedInAt ?? 0) > deps.config.SESSION_ABSOLUTE_HOURS * 3600_000;
      const stale =
        tooOld ||
        (officer && officer.passwordChangedAt.getTime() !== req.session.passwordChangedAt);
      if (!officer || !officer.active || stale) {
        officer = null;
        delete req.session.officerId;
      }
    }
    if (officer) {
      req.officer = officer;
      req.scope = await scopeFor(deps, officer);
    }
    next();
  };
}

const csrf = csrfSync({
  // Forms send `_csrf`; scripts using the session send the X-CSRF-Token header.
  getTokenFromRequest: (req) =>
    (req.body as { _csrf?: string } | undefined)?._csrf ?? req.get('x-csrf-token'),
  // API tokens are not sent by browsers on their own: no CSRF possible. The JSON
  // login cannot be forged either: a cross-site page cannot send application/json
  // without a CORS preflight, which we never grant (and /api refuses other types).
  // The login form has its own token, kept in a cookie (src/officers/pages.ts), so
  // that an anonymous visit stores no session.
  skipCsrfProtection: (req) =>
    req.viaApiToken === true ||
    (req.method === 'POST' &&
      ['/api/v1/auth/login', '/officer/login'].includes(req.originalUrl.split('?')[0]!)),
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export const csrfProtection = csrf.csrfSynchronisedProtection;
export const csrfToken = (req: Parameters<typeof csrf.generateToken>[0]) => csrf.generateToken(req);

export type Access = 'officer' | 'admin';

/**
 * `officer`: any signed-in officer or admin (data is then limited by scope);
 * `admin`: admins only. Pages send people to the login page instead of a 401.
 */
export function requireAccess(access: Access): RequestHandler {
  return (req, res, next) => {
    if (!req.officer) {
      if (req.path.startsWith('/officer') && req.method === 'GET')
        return res.redirect(303, `/officer/login?next=${encodeURIComponent(req.originalUrl)}`);
      return next(new Problem(401, 'unauthenticated', 'Sign in first'));
    }
    if (access === 'admin' && req.officer.role !== 'admin')
      return next(new Problem(403, 'forbidden', 'Only an admin may do this'));
    next();
  };
}
