import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/*
 * The hub as a separate process (`server/main.ts` on a SQLite file): for the benchmark,
 * so its CPU time and memory are its own and not mixed with the load generator's
 * (figures from /proc, Linux), and for the crash test, which kills it with SIGKILL.
 */

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number | null;
  /** Peak resident memory so far, in bytes. */
  peakRssBytes(): number | null;
  /** Resident memory now, in bytes. */
  rssBytes(): number | null;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** A graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

export interface ServerOptions {
  port?: number;
  /** Run the compiled hub (`dist/server/main.js`, from `npm run build`) instead of `server/main.ts` under tsx. */
  built?: boolean;
  /**
   * Run this JavaScript file instead of the hub (the benchmark's peer servers), measured the same
   * way; it must print "running at" once it listens on PORT.
   */
  script?: string;
}

const clockTicks = 100; // USER_HZ: 100 on every Linux the bench is meant for.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export async function startServer(
  repoRoot: string,
  env: Record<string, string>,
  options: ServerOptions = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  // The parent's DATABASE_URL / REDIS_URL never leak into the child; ones given in `env` are passed.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.REDIS_URL;
  const childEnv: NodeJS.ProcessEnv = { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1', OVERENS_LOG: 'silent' };
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (not allowed in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const entry = options.script ? [options.script] : options.built ? ['dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    // A server that dies mid-run would otherwise show only as a client waiting forever.
    if (!stopping) console.error(`server exited unexpectedly (${code ?? signal}):\n${output.slice(-4000)}`);
  });
  const pid = child.pid!;
  async function kill(signal: NodeJS.Signals) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
  return {
    child,
    port,
    cpuSeconds() {
      try {
        // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / clockTicks;
      } catch {
        return null;
      }
    },
    peakRssBytes: () => statusBytes(pid, 'VmHWM'),
    rssBytes: () => statusBytes(pid, 'VmRSS'),
    kill,
    stop: () => kill('SIGTERM'),
    output: () => output,
  };
}
