import { FEATURES } from '../../src/app';
import { underPrefix } from '../../src/platform/features';
import { mountedRoutes } from '../../src/platform/routes';
import { startHarness, type Harness } from '../helpers/harness';

/**
 * The route table is read from the app (src/platform/routes.ts) and the OpenAPI
 * document is generated from the features' descriptions (src/app.ts): the two
 * must name the same API routes, and every route must lie under the prefixes
 * its feature is mounted at (or no request would ever reach it).
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

it('mounts exactly the API routes that /api/v1/openapi.json describes', async () => {
  const doc = (await h.http.get('/api/v1/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const mounted = mountedRoutes(h.app)
    .filter((r) => r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${openApiPath(r.path)}`);
  expect([...new Set(mounted)].sort()).toEqual([...new Set(described)].sort());
  expect(mounted.length).toBe(new Set(mounted).size);
});

it('mounts every route of a feature under one of its prefixes', () => {
  const routes = mountedRoutes(h.app).filter((r) => r.feature);
  expect(new Set(routes.map((r) => r.feature))).toEqual(new Set(FEATURES.map((f) => f.name)));
  const example = (path: string) => path.replace(/:\w+/g, 'x');
  const outside = routes.filter((r) => {
    const feature = FEATURES.find((f) => f.name === r.feature)!;
    return !feature.mounts.some((m) => m.prefixes.some((p) => underPrefix(example(r.path), p)));
  });
  expect(outside).toEqual([]);
  // And no prefix that no route of its feature uses.
  const unused = FEATURES.flatMap((f) =>
    f.mounts.flatMap((m) => m.prefixes.map((p) => `${f.name} ${p}`)),
  ).filter((key) => {
    const [name, p] = key.split(' ') as [string, string];
    return !routes.some((r) => r.feature === name && underPrefix(example(r.path), p));
  });
  expect(unused).toEqual([]);
});

it('documents how to authenticate every operation: officers by session + CSRF or bearer, residents by their key', async () => {
  const doc = (await h.http.get('/api/v1/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    components: { securitySchemes: Record<string, { type: string }> };
  };
  expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
    'bearerToken',
    'csrfToken',
    'officerSession',
    'residentKey',
  ]);
  const security = (method: string, path: string) => doc.paths[path]![method]!.security;
  let guarded = 0;
  for (const r of mountedRoutes(h.app).filter((x) => x.path.startsWith('/api/'))) {
    const method = r.method.toLowerCase();
    const ops = security(method, openApiPath(r.path));
    // Every operation says how to call it; an empty list means "public".
    expect(ops).toBeDefined();
    const access = (r.declared as { access?: string } | undefined)?.access;
    if (access === 'officer' || access === 'admin') {
      guarded += 1;
      expect(ops).toContainEqual({ bearerToken: [] });
    }
  }
  expect(guarded).toBeGreaterThan(20);
  expect(security('post', '/api/v1/petitions')).toEqual([]);
  expect(security('post', '/api/v1/auth/login')).toEqual([]);
  expect(security('post', '/api/v1/track/{code}/rating')).toEqual([{ residentKey: [] }]);
  expect(security('get', '/api/v1/auth/me')).toEqual([{ officerSession: [] }, { bearerToken: [] }]);
  expect(security('post', '/api/v1/auth/logout')).toEqual([
    { officerSession: [], csrfToken: [] },
    { bearerToken: [] },
  ]);
});
