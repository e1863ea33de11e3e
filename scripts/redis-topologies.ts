import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, redisServerService, type Service } from './services';

/**
 * Redis as production may run it, started from Debian's redis-server on ports of
 * our own: a Cluster of 3 primaries with a replica each, and a Sentinel group
 * (a primary, a replica and 3 Sentinels: `redis-server --sentinel`, what the
 * `redis-sentinel` command runs). Both can lose their primary on purpose and
 * wait until a replica has taken over.
 */
const run = promisify(execFile);

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(port), ...args]);
  return stdout;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface RedisCluster {
  nodes: Service[];
  /** `host:port,…` for REDIS_CLUSTER_NODES. */
  seeds: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Kills (SIGKILL) the primary holding `key`'s slot; resolves once a replica serves it. */
  killPrimaryOf(key: string): Promise<number>;
}

export async function redisCluster(dir: string, logDir: string): Promise<RedisCluster> {
  const nodes: Service[] = [];
  for (let i = 0; i < 6; i += 1) {
    const port = await freePort();
    nodes.push(
      redisServerService(`redis-cluster-${i + 1}`, join(dir, `node-${i + 1}`), port, logDir, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `node-${i + 1}`, 'nodes.conf'),
        '--cluster-node-timeout',
        '1500',
        // A replica may take over at once, however long it was cut off.
        '--cluster-replica-validity-factor',
        '0',
      ]),
    );
  }
  const healthy = () =>
    Promise.all(
      nodes
        .filter((n) => n.pid() !== undefined)
        .map(async (n) => (await cli(n.port, 'cluster', 'info')).includes('cluster_state:ok')),
    ).then((oks) => oks.every(Boolean));
  return {
    nodes,
    seeds: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    async start() {
      await Promise.all(nodes.map((n) => n.start()));
      await run('redis-cli', [
        '--cluster',
        'create',
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ]);
      await until('cluster state ok', healthy);
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
    async killPrimaryOf(key) {
      const slot = Number(await cli(nodes[0]!.port, 'cluster', 'keyslot', key));
      const owner = async () => {
        for (const n of nodes.filter((x) => x.pid() !== undefined)) {
          const info = await cli(n.port, 'cluster', 'nodes');
          const line = info.split('\n').find((l) => l.includes('myself'));
          if (!line?.includes('master')) continue;
          const ranges = line.split(' ').slice(8);
          if (ranges.some((r) => inRange(slot, r))) return n;
        }
        return undefined;
      };
      const primary = await owner();
      if (!primary) throw new Error(`no primary holds slot ${slot}`);
      const pid = primary.pid()!;
      process.kill(pid, 'SIGKILL');
      await until(`a replica serves slot ${slot}`, async () => {
        const now = await owner();
        return now !== undefined && now !== primary && (await healthy());
      });
      await primary.stop();
      return pid;
    },
  };
}

function inRange(slot: number, range: string): boolean {
  const [from, to] = range.split('-').map(Number);
  return to === undefined ? slot === from : slot >= from! && slot <= to;
}

export interface SentinelGroup {
  primary: Service;
  replica: Service;
  sentinels: Service[];
  /** `host:port,…` for REDIS_SENTINELS. */
  seeds: string;
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Kills (SIGKILL) the primary; resolves once the Sentinels name the replica primary. */
  killPrimary(): Promise<number>;
}

export async function sentinelGroup(dir: string, logDir: string): Promise<SentinelGroup> {
  const name = 'td';
  const primary = redisServerService(
    'redis-primary',
    join(dir, 'primary'),
    await freePort(),
    logDir,
  );
  const replica = redisServerService(
    'redis-replica',
    join(dir, 'replica'),
    await freePort(),
    logDir,
    ['--replicaof', '127.0.0.1', String(primary.port)],
  );
  const sentinels: Service[] = [];
  for (let i = 0; i < 3; i += 1) {
    const port = await freePort();
    const folder = join(dir, `sentinel-${i + 1}`);
    mkdirSync(folder, { recursive: true });
    const conf = join(folder, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 5000`,
        '',
      ].join('\n'),
    );
    sentinels.push(
      redisServerService(`redis-sentinel-${i + 1}`, folder, port, logDir, ['--sentinel'], conf),
    );
  }
  const primaryPort = async () =>
    Number(
      (await cli(sentinels[0]!.port, 'sentinel', 'get-master-addr-by-name', name)).split('\n')[1],
    );
  return {
    primary,
    replica,
    sentinels,
    name,
    seeds: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    async start() {
      await primary.start();
      await replica.start();
      await until('the replica in sync', async () =>
        (await cli(replica.port, 'info', 'replication')).includes('master_link_status:up'),
      );
      await Promise.all(sentinels.map((s) => s.start()));
      await until('the sentinels agree', async () =>
        (await cli(sentinels[0]!.port, 'sentinel', 'sentinels', name)).includes('name'),
      );
    },
    async stop() {
      await Promise.all([...sentinels, replica, primary].map((s) => s.stop()));
    },
    async killPrimary() {
      const pid = primary.pid()!;
      process.kill(pid, 'SIGKILL');
      await until('the sentinels promote the replica', async () => {
        return (
          (await primaryPort()) === replica.port &&
          (await cli(replica.port, 'role')).startsWith('master')
        );
      });
      await primary.stop();
      return pid;
    },
  };
}
