import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { Problem } from '../platform/errors';
import type { Deps } from '../deps';
import { html, type SafeHtml } from '../platform/html';
import { pickLang, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { guard } from './access';
import { csrfToken } from './auth';
import { authenticate, changePassword } from './service';
import { clientAddress, signIn, signOut } from './routes';
import type { LoginThrottle } from './throttle';
import { refusalOf, refusalText } from '../web/errors';

const T = {
  login: { vi: 'Đăng nhập cán bộ', en: 'Officer sign-in' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  inbox: { vi: 'Hộp thư', en: 'Inbox' },
  changePassword: { vi: 'Đổi mật khẩu', en: 'Change password' },
  current: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  next: { vi: 'Mật khẩu mới (ít nhất 12 ký tự)', en: 'New password (at least 12 characters)' },
  save: { vi: 'Lưu', en: 'Save' },
  saved: { vi: 'Đã đổi mật khẩu.', en: 'Password changed.' },
  badPassword: {
    vi: 'Mật khẩu hiện tại không đúng, hoặc mật khẩu mới quá ngắn.',
    en: 'The current password is wrong, or the new one is too short.',
  },
} as const;

/** The officers' navigation, with a sign-out form (a POST, with its CSRF token). */
export function officerNav(req: Request, lang: Lang): SafeHtml {
  return html`<a href="/officer">${T.inbox[lang]}</a>
    <a href="/officer/reports/monthly">${lang === 'vi' ? 'Báo cáo tháng' : 'Monthly report'}</a>
    <a href="/officer/password">${T.changePassword[lang]}</a>
    <form method="post" action="/officer/logout">
      <input type="hidden" name="_csrf" value="${csrfToken(req)}" /><button type="submit">
        ${T.signOut[lang]}
      </button>
    </form>`;
}

/** Only same-site paths after sign-in: never an open redirect. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/officer(\/|$|\?)/.test(next) ? next : '/officer';
}

export function officerPages(deps: Deps, throttle: LoginThrottle): Router {
  const router = Router();

  guard(router, { method: 'get', path: '/officer/login', access: 'public' }, (req, res) => {
    const lang = pickLang(req, res);
    res.send(loginPage(loginToken(deps, req, res), lang, safeNext(req.query.next)));
  });

  guard(router, { method: 'post', path: '/officer/login', access: 'public' }, async (req, res) => {
    const lang = pickLang(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!loginTokenMatches(req, body._csrf))
      throw new Problem(403, 'csrf', 'The form has expired', 'Reload the page and try again.');
    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    try {
      const officer = await authenticate(deps, throttle, email, password, clientAddress(req));
      await signIn(req, officer);
      res.redirect(303, safeNext(body.next));
    } catch (err) {
      const r = refusalOf(err);
      if (!r) throw err;
      res
        .status(r.status)
        .send(
          loginPage(
            loginToken(deps, req, res),
            lang,
            safeNext(body.next),
            refusalText(r, lang),
            email,
          ),
        );
    }
  });

  guard(
    router,
    { method: 'post', path: '/officer/logout', access: 'officer' },
    async (req, res) => {
      await signOut(req);
      res.redirect(303, '/officer/login');
    },
  );

  guard(router, { method: 'get', path: '/officer/password', access: 'officer' }, (req, res) => {
    const lang = pickLang(req, res);
    res.send(passwordPage(req, lang));
  });

  guard(
    router,
    { method: 'post', path: '/officer/password', access: 'officer' },
    async (req, res) => {
      const lang = pickLang(req, res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      try {
        await changePassword(
          deps,
          req.officer._id,
          String(body.currentPassword ?? ''),
          String(body.newPassword ?? ''),
        );
        const fresh = await deps.models.Officer.findById(req.officer._id).lean();
        if (fresh) await signIn(req, fresh);
        res.send(passwordPage(req, lang, T.saved[lang], false));
      } catch (err) {
        if (!refusalOf(err)) throw err;
        res.status(422).send(passwordPage(req, lang, T.badPassword[lang], true));
      }
    },
  );

  return router;
}

/**
 * The login form's CSRF token, without a session (none is stored for anonymous
 * visitors): a random value in a SameSite=Strict cookie and in the form, which
 * must match (a cross-site page can neither read nor set the cookie).
 */
const LOGIN_COOKIE = 'td.login';
function loginToken(deps: Deps, req: Request, res: Response): string {
  const have = (req.cookies as Record<string, unknown> | undefined)?.[LOGIN_COOKIE];
  if (typeof have === 'string' && /^[\w-]{43}$/.test(have)) return have;
  const token = randomBytes(32).toString('base64url');
  res.cookie(LOGIN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.PUBLIC_BASE_URL.startsWith('https:'),
    path: '/officer/login',
    maxAge: 3600_000,
  });
  return token;
}
function loginTokenMatches(req: Request, given: unknown): boolean {
  const have = (req.cookies as Record<string, unknown> | undefined)?.[LOGIN_COOKIE];
  if (typeof have !== 'string' || typeof given !== 'string' || have.length !== given.length)
    return false;
  return timingSafeEqual(Buffer.from(have), Buffer.from(given));
}

function loginPage(token: string, lang: Lang, next: string, error?: string, email = ''): string {
  const body = html`${error ? html`<p class="errors" role="alert">${error}</p>` : ''}
    <form method="post" action="/officer/login">
      <input type="hidden" name="_csrf" value="${token}" />
      <input type="hidden" name="next" value="${next}" />
      <label for="email">${T.email[lang]}</label>
      <input
        type="email"
        id="email"
        name="email"
        required
        autocomplete="username"
        value="${email}"
      />
      <label for="password">${T.password[lang]}</label>
      <input
        type="password"
        id="password"
        name="password"
        required
        autocomplete="current-password"
      />
      <button type="submit">${T.signIn[lang]}</button>
    </form>`;
  return layout({ lang, title: T.login[lang], path: '/officer/login', body, nav: html`` });
}

function passwordPage(req: Request, lang: Lang, message?: string, isError = false): string {
  const body = html`${message ? html`<p class="${isError ? 'errors' : 'notice'}" role="status">${message}</p>` : ''}
    <form method="post" action="/officer/password">
      <input type="hidden" name="_csrf" value="${csrfToken(req)}" />
      <label for="currentPassword">${T.current[lang]}</label>
      <input
        type="password"
        id="currentPassword"
        name="currentPassword"
        required
        autocomplete="current-password"
      />
      <label for="newPassword">${T.next[lang]}</label>
      <input
        type="password"
        id="newPassword"
        name="newPassword"
        required
        minlength="12"
        autocomplete="new-password"
      />
      <button type="submit">${T.save[lang]}</button>
    </form>`;
  return layout({
    lang,
    title: T.changePassword[lang],
    path: '/officer/password',
    body,
    nav: officerNav(req, lang),
  });
}
