// Browser-test harness: a fresh database and `tashil serve` on a free loopback port,
// and Debian's Chromium driven by playwright-core. Both are stopped in `finally`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.env.TASHIL_SOURCE_DIR || process.cwd(), 'package.json'));
const { chromium } = require('playwright-core');

export const BIN = process.env.TASHIL_BIN || 'build/asan/tashil';
export const PASSWORD = 'correct horse battery';
export const SHOTS = join(process.env.TASHIL_BUILD_DIR || '.', 'screenshots');

export function tashil(args, input) {
  const p = spawnSync(BIN, args, { input, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`tashil ${args.join(' ')}: ${p.stderr}`);
  return p.stdout;
}

export async function startServer(users = [['admin', 'admin']]) {
  const dir = mkdtempSync(join(tmpdir(), 'tashil-browser-'));
  const db = join(dir, 't.db');
  tashil(['init', '--db', db]);
  for (const [name, role] of users) {
    tashil(['user', 'add', '--db', db, '--role', role, '--name', name,
      '--display-name', `کاربر ${name}`, '--password-stdin'], PASSWORD + '\n');
  }
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + log)), 30000);
    proc.stderr.on('data', (d) => {
      log += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.on('exit', () => reject(new Error('server exited: ' + log)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    log: () => log,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
      if (/AddressSanitizer|runtime error:/.test(log)) throw new Error('sanitizer report:\n' + log);
    },
  };
}

export async function launchBrowser() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// Runs named async tests in order; prints the closing count line.
export async function run(tests) {
  let failed = 0;
  for (const [name, fn] of Object.entries(tests)) {
    try { await fn(); console.log(`ok   ${name}`); } catch (e) { failed++; console.log(`FAIL ${name}: ${e.stack}`); }
  }
  console.log(`${Object.keys(tests).length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// An 11-digit legal national ID with its check digit, from ten digits.
export function legalId(ten) {
  const d = [...ten].map(Number);
  const k = d[9] + 2;
  const w = [29, 27, 23, 19, 17];
  let s = 0;
  for (let i = 0; i < 10; i++) s += (d[i] + k) * w[i % 5];
  const c = s % 11;
  return ten + String(c === 10 ? 0 : c);
}

export function assert(cond, msg) { if (!cond) throw new Error('assertion failed: ' + msg); }
