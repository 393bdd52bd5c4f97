// The kubeconfig Rudder writes for kubectl (kubectl-api.md §1): one cluster on the HTTPS
// listener with the CA inline, one user with a bearer token, context namespace default.
// Written to <data-dir>/kubeconfig (mode 0600), never to ~/.kube/config.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KubeconfigInput {
  /** `https://127.0.0.1:6443` */
  server: string;
  caPem: string;
  token: string;
  /** User and context name: `rudder` for the admin, `rudder-viewer` and so on for minted tokens. */
  user?: string;
}

/** A YAML kubeconfig; quoted scalars keep tokens and URLs literal. */
export function kubeconfigYaml({ server, caPem, token, user = 'rudder' }: KubeconfigInput): string {
  const ca = Buffer.from(caPem).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: rudder
  cluster:
    server: ${JSON.stringify(server)}
    certificate-authority-data: ${ca}
users:
- name: ${user}
  user:
    token: ${JSON.stringify(token)}
contexts:
- name: ${user}
  context:
    cluster: rudder
    user: ${user}
    namespace: default
current-context: ${user}
preferences: {}
`;
}

/** The URL kubectl should use for a listener bound to `host`: a wildcard bind is reached on 127.0.0.1. */
export function kubeServerUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `https://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

export async function writeKubeconfig(dataDir: string, input: KubeconfigInput): Promise<string> {
  const file = join(dataDir, 'kubeconfig');
  await writeFile(file, kubeconfigYaml(input), { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}
