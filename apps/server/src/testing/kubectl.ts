// Runs the real kubectl (/usr/bin/kubectl, Google's dispatcher; kubectl-api.md §0) against
// a test server, with its own HOME, --cache-dir and KUBECONFIG, so nothing leaks between
// runs or into the user's ~/.kube (kubectl-api.md §2 "Cache").
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KUBECTL = process.env.RUDDER_TEST_KUBECTL ?? '/usr/bin/kubectl';
export const kubectlAvailable = () => existsSync(KUBECTL);

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Kubectl {
  home: string;
  run(args: readonly string[], options?: { input?: string; env?: Record<string, string>; kubeconfig?: string }): Promise<KubectlResult>;
  /** A long-running kubectl (`get -w`); the caller kills it. */
  spawn(args: readonly string[]): ChildProcess;
  cleanup(): void;
}

export function createKubectl(kubeconfig: string): Kubectl {
  const home = mkdtempSync(join(tmpdir(), 'rudder-kubectl-'));
  const cacheDir = join(home, 'cache');
  const envFor = (extra: Record<string, string> = {}, config = kubeconfig) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    KUBECONFIG: config,
    KUBECACHEDIR: cacheDir,
    TMPDIR: home,
    ...extra,
  });
  return {
    home,
    run(args, options = {}) {
      return new Promise((resolve) => {
        const child = execFile(
          KUBECTL,
          ['--cache-dir', cacheDir, ...args],
          { env: envFor(options.env, options.kubeconfig), timeout: 20_000, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
        if (options.input !== undefined) child.stdin?.end(options.input);
        else child.stdin?.end();
      });
    },
    spawn(args) {
      return spawn(KUBECTL, ['--cache-dir', cacheDir, ...args], { env: envFor(), stdio: ['ignore', 'pipe', 'pipe'] });
    },
    cleanup() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}
