import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The Kubernetes manifests (deploy/k8s) rendered by Kustomize and validated
 * against the Kubernetes API types by tools/k8s-check (built by
 * scripts/install.sh); the compose file's production profile checked for what
 * it must run.
 */
const ROOT = resolve(__dirname, '../..');
const CHECK = join(ROOT, '.data/bin/k8s-check');

function check(...dirs: string[]) {
  const r = spawnSync(CHECK, ['-print', ...dirs], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('deploy/k8s', () => {
  it('renders and validates the base and the province overlay', () => {
    const r = check('deploy/k8s/base', 'deploy/k8s/overlays/province');
    expect(r.err).toContain('deploy/k8s/base: 12 resources valid');
    expect(r.err).toContain('deploy/k8s/overlays/province: 12 resources valid');
    expect(r.code).toBe(0);
    const kinds = [...r.out.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    for (const kind of [
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Job',
      'Service',
      'ConfigMap',
    ])
      expect(kinds).toContain(kind);
    // The overlay's namespace, image and address reach every resource.
    expect(r.out).toContain('namespace: tieng-dan-binh-duong');
    expect(r.out).toContain('image: registry.example/tieng-dan:1.0.0');
    expect(r.out).toContain('PUBLIC_BASE_URL: https://tiengdan.binhduong.example');
    expect(r.out).toMatch(/name: td_queue_jobs/);
  });

  it('refuses what the API server would refuse, and our own omissions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-check-'));
    const api = join(dir, 'api.yaml');
    const broken = (edit: (yaml: string) => string) => {
      cpSync(join(ROOT, 'deploy/k8s/base'), dir, { recursive: true });
      writeFileSync(api, edit(readFileSync(api, 'utf8')));
      return check(dir);
    };
    try {
      const wrongType = broken((y) => y.replace('replicas: 2', 'replicas: two'));
      expect(wrongType.code).toBe(1);
      expect(wrongType.err).toContain('Deployment api: json: cannot unmarshal string');
      const unknown = broken((y) => y.replace('maxSurge: 1', 'maxSurge: 1\n      maxSurges: 1'));
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('unknown field "spec.strategy.rollingUpdate.maxSurges"');
      const omissions = broken((y) =>
        y
          .replace(/ {10}readinessProbe:\n(?: {12}.*\n)+/, '')
          .replace('name: api\n  minReplicas', 'name: apii\n  minReplicas'),
      );
      expect(omissions.code).toBe(1);
      expect(omissions.err).toContain('Deployment api: container api has no readinessProbe');
      expect(omissions.err).toContain('HPA api: scales Deployment apii');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compose.yaml', () => {
  interface ComposeService {
    image?: string;
    profiles?: string[];
    command?: string[];
    environment?: Record<string, string>;
    depends_on?: Record<string, unknown>;
  }
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;
  const inProduction = (s: ComposeService) => s.profiles?.includes('production') ?? false;

  it('keeps the default stack as it was (no profile)', () => {
    const plain = Object.keys(services).filter((n) => !services[n]!.profiles);
    expect(plain).toEqual(
      expect.arrayContaining(['mongo', 'redis', 'mail', 'seed', 'api', 'worker', 'inbound']),
    );
  });

  it('has a production profile: 2 APIs, 2 workers, Redis with a replica and 3 Sentinels', () => {
    const names = Object.keys(services).filter((n) => inProduction(services[n]!));
    const apis = names.filter((n) => services[n]!.command?.includes('dist/src/server.js'));
    const workers = names.filter((n) => services[n]!.command?.includes('dist/workers/index.js'));
    expect(apis).toHaveLength(2);
    expect(workers).toHaveLength(2);
    const sentinels = names.filter((n) =>
      services[n]!.command?.join(' ').includes('redis-sentinel'),
    );
    expect(sentinels).toHaveLength(3);
    // Named on the command line, the app services bring only the profile's Redis.
    const closure = new Set<string>();
    const visit = (n: string) => {
      if (closure.has(n)) return;
      closure.add(n);
      for (const dep of Object.keys(services[n]!.depends_on ?? {})) visit(dep);
    };
    for (const n of [...apis, ...workers]) visit(n);
    expect([...closure]).toEqual(expect.arrayContaining(['redis-primary', 'redis-replica']));
    expect([...closure].filter((n) => ['api', 'worker', 'inbound'].includes(n))).toEqual([]);
    for (const n of [...apis, ...workers]) {
      const env = services[n]!.environment!;
      // Every app process finds the Redis primary through the Sentinels.
      expect(env.REDIS_SENTINELS?.split(',')).toHaveLength(3);
      expect(env.REDIS_SENTINEL_NAME).toBe('td');
      for (const dep of Object.keys(services[n]!.depends_on ?? {}))
        expect(services[dep]).toBeDefined();
    }
  });
});
