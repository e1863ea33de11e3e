import { ConfigError, loadConfig } from '../../config/env';
import { loadReferenceData } from '../../config/reference';
import { flattenJurisdictions } from '../../src/reference/seed';

/** The local run's environment (production is the default). */
const DEV = { NODE_ENV: 'development' };

describe('configuration', () => {
  it('has defaults for the local run', () => {
    const c = loadConfig(DEV);
    expect(c.PORT).toBe(3000);
    expect(c.PUBLIC_BASE_URL).toBe('http://localhost:3000');
  });

  it('names every bad variable', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', MONGODB_URL: 'postgres://x', PUBLIC_BASE_URL: 'ftp://x' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', MONGODB_URL: 'postgres://x', REDIS_URL: 'http://x' });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('MONGODB_URL');
      expect(msg).toContain('REDIS_URL');
    }
  });

  it('trims a trailing slash from PUBLIC_BASE_URL', () => {
    expect(
      loadConfig({ ...DEV, PUBLIC_BASE_URL: 'https://tiengdan.example.vn/' }).PUBLIC_BASE_URL,
    ).toBe('https://tiengdan.example.vn');
  });
});

describe('reference data', () => {
  it('loads, and the tree has any depth', () => {
    const data = loadReferenceData();
    const nodes = flattenJurisdictions(data.jurisdictions);
    const hamlet = nodes.find((n) => n.code === 'binh-duong-2018.bau-bang.lai-hung.bung-thuoc');
    expect(hamlet?.path).toEqual([
      'binh-duong-2018',
      'binh-duong-2018.bau-bang',
      'binh-duong-2018.bau-bang.lai-hung',
      'binh-duong-2018.bau-bang.lai-hung.bung-thuoc',
    ]);
    expect(hamlet?.depth).toBe(3);
    expect(nodes.find((n) => n.code === 'minh-hoa.tan-phu')?.depth).toBe(1);
    expect(data.categories.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        'land',
        'environment',
        'traffic',
        'public-order',
        'health',
        'education',
        'social-policy',
        'utilities',
        'other',
      ]),
    );
  });
});

describe('TRUST_PROXY', () => {
  it('is false or a hop count', () => {
    expect(loadConfig(DEV).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...DEV, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(() => loadConfig({ ...DEV, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
