import type { Express } from 'express';
import { guardedRoutes, type GuardedRoute } from '../../src/officers/access';
import { mountedRoutes } from '../../src/platform/routes';
import { createApiToken, createOfficer } from '../../src/officers/service';
import { eventually, petition, startHarness, type Harness } from '../helpers/harness';

/**
 * Every route of the officers' area × (anonymous, officer in scope, officer out of
 * scope, admin). The routes are read from the app itself: a route without an
 * access rule declared through `guard` (src/officers/access.ts) fails the first test.
 */
const AREA = /^\/(officer|api\/v1\/(officer|admin|auth))(\/|$)/;

function appRoutes(app: Express, only = AREA): { method: string; path: string }[] {
  return mountedRoutes(app).filter((r) => only.test(r.path));
}

let h: Harness;
let app: Express;
/** The guarded routes, read from the app (src/officers/access.ts). */
let routeTable: Map<string, GuardedRoute>;
const tokens: Record<string, string> = {};
let itemId = '';

beforeAll(async () => {
  h = await startHarness({ workers: false });
  app = h.app;
  routeTable = guardedRoutes(app);
  const make = async (email: string, role: 'admin' | 'officer', jurisdictionCode?: string) => {
    const o = await createOfficer(h.deps, {
      email,
      name: email,
      role,
      password: 'mat-khau-ma-tran-1',
      ...(jurisdictionCode ? { jurisdictionCode } : {}),
    });
    return (await createApiToken(h.deps, o._id, 'matrix')).token;
  };
  tokens.inScope = await make('in@mttq.example', 'officer', 'binh-duong-2018.bau-bang');
  tokens.outOfScope = await make('out@mttq.example', 'officer', 'minh-hoa');
  tokens.admin = await make('admin@mttq.example', 'admin');
  const res = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  itemId = res.body.id;
  await eventually(async () => h.deps.models.Submission.exists({ _id: itemId }));
});
afterAll(async () => {
  await h.close();
});

it('every route of the officers’ area has an access rule', () => {
  const missing = appRoutes(app)
    .map((r) => `${r.method} ${r.path}`)
    .filter((key) => !routeTable.has(key));
  expect(missing).toEqual([]);
  expect(appRoutes(app).length).toBeGreaterThan(20);
});

type Actor = 'anonymous' | 'inScope' | 'outOfScope' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'inScope', 'outOfScope', 'admin'];

/** What each actor must get: refused, hidden (404), or let through to the handler. */
function expected(
  access: string,
  scoped: boolean,
  actor: Actor,
): 'refused' | 'forbidden' | 'hidden' | 'through' {
  if (access === 'public') return 'through';
  if (actor === 'anonymous') return 'refused';
  if (access === 'admin') return actor === 'admin' ? 'through' : 'forbidden';
  if (scoped && actor === 'outOfScope') return 'hidden';
  return 'through';
}

function fill(path: string): string {
  return path.replace(':id', itemId).replace(':code', 'mh-yte');
}

const cases = () =>
  [...routeTable.values()]
    .filter((r) => AREA.test(r.path) && r.access !== 'public')
    // Signing out would end the session the other rows use; it has a test of its own.
    .filter((r) => r.path !== '/api/v1/auth/logout' && r.path !== '/officer/logout')
    .flatMap((r) => ACTORS.map((actor) => [r.method.toUpperCase(), r.path, actor, r] as const));

it('answers each actor as the rule says', async () => {
  const failures: string[] = [];
  for (const [method, path, actor, route] of cases()) {
    const want = expected(route.access, route.scoped === true, actor);
    let req = h.http[route.method](fill(path)).redirects(0);
    if (actor !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[actor]}`);
    if (method !== 'GET') req = req.send({});
    const res = await req;
    const s = res.status;
    const ok =
      want === 'refused'
        ? s === 401 ||
          s === 403 ||
          (s === 303 && String(res.headers.location).startsWith('/officer/login'))
        : want === 'forbidden'
          ? s === 403
          : want === 'hidden'
            ? s === 404
            : ![401, 403].includes(s) && !(route.scoped && s === 404) && s < 500;
    if (!ok)
      failures.push(
        `${method} ${path} as ${actor}: got ${s} ${res.body?.type ?? ''}, wanted ${want}`,
      );
  }
  expect(failures).toEqual([]);
});

/**
 * The resident's routes (their private link): only the key of that very
 * submission lets through; no officer, admin or other resident does. Rating and
 * replying to a question need a status a fresh item does not have: the owner is
 * refused there too, with the same answer.
 */
const RESIDENT = /^\/(api\/v1\/)?track\/:code\/./;
const RESIDENT_BODIES: Record<string, object> = {
  rating: { satisfied: true },
  info: { text: 'Thông tin bổ sung cho cơ quan.' },
  withdraw: {},
  'personal-data': { name: 'Tên mới' },
};

it("resident routes: only the resident's own key lets through", async () => {
  const routes = appRoutes(app, RESIDENT);
  expect(routes.length).toBeGreaterThanOrEqual(11);
  const other = (await h.http.post('/api/v1/petitions').send(petition()).expect(201)).body;
  const failures: string[] = [];
  for (const r of routes) {
    const mine = (await h.http.post('/api/v1/petitions').send(petition()).expect(201)).body;
    const what = r.path.split('/').at(-1)!;
    const needsStatus = what === 'rating' || what === 'info';
    for (const actor of ['anonymous', 'otherKey', 'inScope', 'admin', 'owner'] as const) {
      const key = actor === 'owner' ? mine.residentKey : other.residentKey;
      const path = r.path.replace(':code', mine.trackingCode).replace(':key', key);
      const api = r.path.startsWith('/api/');
      let req = h.http[r.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](path);
      if (actor === 'inScope' || actor === 'admin')
        req = req.set('Authorization', `Bearer ${tokens[actor]}`);
      if (api && (actor === 'owner' || actor === 'otherKey')) req = req.set('X-Resident-Key', key);
      if (r.method !== 'GET' && r.method !== 'DELETE')
        req = api
          ? req.send(RESIDENT_BODIES[what] ?? {})
          : req.type('form').send({
              ...(what === 'rating' ? { satisfied: 'yes' } : RESIDENT_BODIES[what]),
              ...(actor === 'anonymous' ? {} : { key }),
            });
      const s = (await req).status;
      const through = actor === 'owner' && !needsStatus;
      const ok = through ? s < 300 : s === 403 || s === 429;
      if (!ok) failures.push(`${r.method} ${r.path} as ${actor}: got ${s}`);
    }
  }
  expect(failures).toEqual([]);
});
