import { loadReferenceData } from '../../config/reference';
import { scopeFilter, scopeFor } from '../../src/officers/scope';
import { applyReforms, flattenJurisdictions } from '../../src/reference/reform';
import { petition, signedIn, startHarness, type Harness } from '../helpers/harness';

/**
 * The 2025 reform in the demo data: the district of Bàu Bàng is dissolved, its
 * communes Lai Hưng and Lai Uyên are taken over by the new commune Xã Bàu Bàng
 * (directly under the province). Old units stay; items keep their place.
 */
const PROVINCE = 'binh-duong-2018';
const DISTRICT = 'binh-duong-2018.bau-bang';
const LAI_HUNG = 'binh-duong-2018.bau-bang.lai-hung';
const LAI_UYEN = 'binh-duong-2018.bau-bang.lai-uyen';
const HAMLET = 'binh-duong-2018.bau-bang.lai-hung.bung-thuoc';
const NEW_COMMUNE = 'binh-duong-2018.bau-bang-moi';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

interface Node {
  code: string;
  parentCode: string | null;
  validFrom?: string;
  validTo?: string;
  successorCode?: string;
}
const byCode = (nodes: Node[]) => new Map(nodes.map((n) => [n.code, n]));

describe('the jurisdiction tree over time', () => {
  it('lists every unit, the dissolved ones with their successor', async () => {
    const all = byCode((await h.http.get('/api/v1/jurisdictions').expect(200)).body);
    expect(all.get(DISTRICT)).toMatchObject({ validTo: '2025-07-01', successorCode: PROVINCE });
    for (const code of [LAI_HUNG, LAI_UYEN])
      expect(all.get(code)).toMatchObject({ validTo: '2025-07-01', successorCode: NEW_COMMUNE });
    expect(all.get(NEW_COMMUNE)).toMatchObject({
      name: 'Xã Bàu Bàng',
      level: 'commune',
      parentCode: PROVINCE,
      path: [PROVINCE, NEW_COMMUNE],
      validFrom: '2025-07-01',
    });
    expect(all.get(NEW_COMMUNE)?.validTo).toBeUndefined();
    expect(all.get(PROVINCE)).toMatchObject({ officialCode: '74' });
    // Hamlets are not administrative units: they carry on under the new commune.
    expect(all.get(HAMLET)?.validTo).toBeUndefined();
  });

  it('?current=true lists only the units in force today; the form offers only those', async () => {
    const current = byCode(
      (await h.http.get('/api/v1/jurisdictions?current=true').expect(200)).body,
    );
    for (const gone of [DISTRICT, LAI_HUNG, LAI_UYEN]) expect(current.has(gone)).toBe(false);
    for (const here of [PROVINCE, NEW_COMMUNE, HAMLET, 'minh-hoa.tan-phu'])
      expect(current.has(here)).toBe(true);
    await h.http.get('/api/v1/jurisdictions?current=yes').expect(422);

    const form = await h.http.get('/').expect(200);
    expect(form.text).toContain(`value="${NEW_COMMUNE}"`);
    expect(form.text).not.toContain(`value="${LAI_HUNG}"`);
    expect(form.text).not.toContain(`value="${DISTRICT}"`);
  });

  it('refuses new items under a dissolved unit, and changes nothing', async () => {
    const before = await h.deps.models.Submission.countDocuments();
    for (const code of [LAI_HUNG, DISTRICT]) {
      const res = await h.http
        .post('/api/v1/petitions')
        .send(petition({ jurisdictionCode: code }))
        .expect(422);
      expect(res.body.errors).toEqual([
        { path: 'jurisdictionCode', message: 'unknown jurisdiction', code: 'unknown' },
      ]);
    }
    expect(await h.deps.models.Submission.countDocuments()).toBe(before);
    await h.http
      .post('/api/v1/petitions')
      .send(petition({ jurisdictionCode: NEW_COMMUNE }))
      .expect(201);
  });
});

describe('scope across the reform', () => {
  it('an officer of the new commune sees items filed under the communes it took over', async () => {
    const file = async (jurisdictionCode: string) =>
      (await h.http.post('/api/v1/petitions').send(petition({ jurisdictionCode })).expect(201)).body
        .id as string;
    const inHamlet = await file(HAMLET);
    const elsewhere = await file('minh-hoa.tan-phu');
    const { Submission } = h.deps.models;
    const visible = async (officer: { role: 'admin' | 'officer'; jurisdictionCode?: string }) => {
      const scope = await scopeFor(h.deps, officer);
      const ids = (await Submission.find(scopeFilter(scope), { _id: 1 }).lean()).map((d) =>
        String(d._id),
      );
      return { hamlet: ids.includes(inHamlet), elsewhere: ids.includes(elsewhere) };
    };

    const newCommune = { role: 'officer' as const, jurisdictionCode: NEW_COMMUNE };
    expect(await visible(newCommune)).toEqual({ hamlet: true, elsewhere: false });
    const scope = await scopeFor(h.deps, newCommune);
    expect(scope.all ? [] : [...scope.roots].sort()).toEqual(
      [LAI_HUNG, LAI_UYEN, NEW_COMMUNE].sort(),
    );
    expect(await visible({ role: 'admin' })).toEqual({ hamlet: true, elsewhere: true });
    expect(await visible({ role: 'officer', jurisdictionCode: 'minh-hoa' })).toEqual({
      hamlet: false,
      elsewhere: true,
    });
    expect(await visible({ role: 'officer', jurisdictionCode: PROVINCE })).toEqual({
      hamlet: true,
      elsewhere: false,
    });
    // A commune not concerned by the merge sees neither.
    expect(
      await visible({ role: 'officer', jurisdictionCode: 'binh-duong-2018.tru-van-tho-moi' }),
    ).toEqual({ hamlet: false, elsewhere: false });

    // The same through the API: the item is found, the other one is "not found".
    const { agent } = await signedIn(h, {
      email: 'baubang@mttq.example',
      role: 'officer',
      jurisdictionCode: NEW_COMMUNE,
    });
    await agent.get(`/api/v1/officer/submissions/${inHamlet}`).expect(200);
    await agent.get(`/api/v1/officer/submissions/${elsewhere}`).expect(404);
  });
});

describe('reform files are checked as a whole', () => {
  const data = loadReferenceData();
  const tree = () => flattenJurisdictions(data.jurisdictions);
  const reform = {
    name: 'test',
    effectiveFrom: '2030-01-01',
    created: [] as {
      parentCode: string | null;
      node: { code: string; name: string; level: string };
    }[],
    dissolved: [] as { code: string; successorCode: string }[],
  };

  it('applies the shipped reform', () => {
    const nodes = applyReforms(tree(), data.reforms);
    const hamlet = nodes.find((n) => n.code === HAMLET);
    expect(hamlet?.path).toEqual([PROVINCE, DISTRICT, LAI_HUNG, HAMLET]);
    // Midnight in Vietnam.
    expect(nodes.find((n) => n.code === LAI_HUNG)?.validTo?.toISOString()).toBe(
      '2025-06-30T17:00:00.000Z',
    );
  });

  it.each([
    ['an unknown successor', { dissolved: [{ code: 'minh-hoa.tan-phu', successorCode: 'x' }] }],
    [
      'a successor dissolved the same day',
      {
        dissolved: [
          { code: 'minh-hoa.tan-phu', successorCode: 'minh-hoa.hoa-loi' },
          { code: 'minh-hoa.hoa-loi', successorCode: 'minh-hoa' },
        ],
      },
    ],
    ['a unit dissolved twice', { dissolved: [{ code: LAI_HUNG, successorCode: PROVINCE }] }],
    [
      'a unit created twice',
      {
        created: [
          {
            parentCode: 'minh-hoa',
            node: { code: 'minh-hoa.tan-phu', name: 'X', level: 'commune' },
          },
        ],
      },
    ],
    [
      'a unit created under a dissolved one',
      { created: [{ parentCode: DISTRICT, node: { code: 'x.y', name: 'X', level: 'commune' } }] },
    ],
  ])('refuses %s', (_what, change) => {
    expect(() => applyReforms(tree(), [...data.reforms, { ...reform, ...change }])).toThrow();
  });
});
