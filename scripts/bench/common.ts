import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Helpers shared by the benchmarks (`npm run bench:intake`, `npm run bench:inbox`). */

export const ROOT = resolve(__dirname, '../..');

/** The petition the benchmarks send (and tests/helpers/harness.ts `petition()`): routed to bb-laihung-ubnd. */
export const PETITION = {
  title: 'Đường vào ấp Bưng Thuốc ngập nước',
  body: 'Mỗi khi mưa lớn, đoạn đường vào ấp ngập sâu, học sinh không đến trường được.',
  categoryCode: 'traffic',
  jurisdictionCode: 'binh-duong-2018.bau-bang.lai-hung.bung-thuoc',
  submitter: { name: 'Nguyễn Thị Lan', email: 'lan@example.com', phone: '0912 345 678' },
  shareContactWithAgency: false,
};

/** An integer setting from the environment, with its default and bounds. */
export function knob(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, not ${raw}`);
  }
  return n;
}

/** Progress goes to stderr: stdout carries only the figures. */
export const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

/** A child process whose unexpected exit fails whatever waits on it. */
export class Child {
  readonly proc: ChildProcess;
  readonly exited: Promise<never>;
  private stopping = false;

  constructor(
    readonly name: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {
    const out = openSync(logFile, 'a');
    this.proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', out, out] });
    this.exited = new Promise<never>((_, reject) => {
      this.proc.once('exit', (code, signal) => {
        if (!this.stopping) {
          reject(
            new Error(`${name} exited (${signal ?? code}); see ${logFile}:\n${tail(logFile)}`),
          );
        }
      });
    });
    this.exited.catch(() => undefined);
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }

  /** Sends `signal` and waits for the exit (SIGKILL after 10 s), which is then expected. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true;
    const p = this.proc;
    if (p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
      p.once('exit', () => (clearTimeout(timer), done()));
      p.kill(signal);
    });
  }
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Resolves when `fn` does, rejects as soon as the child dies or time runs out. */
export async function watched<T>(
  child: Child,
  what: string,
  fn: Promise<T>,
  ms: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([fn, child.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  // Their output goes to stderr: stdout carries only the figures.
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 2, 2], timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.signal ?? r.status})`);
}

/** Like `run`, and returns what the command printed on stdout. */
export function capture(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 300_000,
): string {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 2],
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.signal ?? r.status})`);
  return r.stdout;
}

/** Like `capture`, without blocking this process meanwhile; killed after `timeoutMs`. */
export function captureAsync(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 300_000,
): Promise<string> {
  return new Promise((ok, fail) => {
    const child = execFile(
      cmd,
      args,
      { cwd: ROOT, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (err, stdout) => {
        if (!err) return ok(stdout);
        const why = err.killed ? `no result after ${timeoutMs} ms` : (err.code ?? err.signal);
        fail(new Error(`${cmd} ${args.join(' ')} failed (${why})`));
      },
    );
    child.stderr?.pipe(process.stderr);
  });
}

export async function waitForHealth(child: Child, url: string): Promise<void> {
  const poll = async () => {
    for (;;) {
      const ok = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await watched(child, `${child.name} /healthz`, poll(), 30_000);
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat;
 * with `children`, also those of its live children and of the children it
 * waited for (PostgreSQL's backends).
 */
export function cpuSeconds(pid: number | undefined, children = false): number {
  if (pid === undefined) return 0;
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
  const f = statFields(pid);
  if (!f) return 0;
  // utime, stime, cutime, cstime in ticks (CLK_TCK 100)
  let ticks = Number(f[11]) + Number(f[12]);
  if (children) {
    ticks += Number(f[13]) + Number(f[14]);
    for (const entry of readdirSync('/proc')) {
      const c = /^\d+$/.test(entry) ? statFields(Number(entry)) : undefined;
      if (c && Number(c[1]) === pid) ticks += Number(c[11]) + Number(c[12]);
    }
  }
  return ticks / 100;
}

/** The fields of /proc/<pid>/stat after the command name (state first, then ppid…). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function table(head: string[], cells: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const fmt = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n');
}
