// Real openssl runs into a temporary data dir (about 100 ms).
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateFits, ensureCertificates, subjectAltNames } from './certificates.js';
import { kubeconfigYaml, kubeServerUrl } from './kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'rudder-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kubectl certificates', () => {
  it('covers 127.0.0.1, localhost and a specific --host address', () => {
    expect(subjectAltNames('127.0.0.1')).toEqual(['IP:127.0.0.1', 'DNS:localhost']);
    expect(subjectAltNames('0.0.0.0')).toEqual(['IP:127.0.0.1', 'DNS:localhost']);
    expect(subjectAltNames('10.1.2.3')).toEqual(['IP:127.0.0.1', 'DNS:localhost', 'IP:10.1.2.3']);
    expect(subjectAltNames('rudder.lan')).toEqual(['IP:127.0.0.1', 'DNS:localhost', 'DNS:rudder.lan']);
  });

  it('generates a CA and a server certificate once, reuses them, and renews the server one for a new host', async () => {
    const first = await ensureCertificates(dir, '127.0.0.1');
    const cert = new X509Certificate(first.cert);
    expect(cert.checkIssued(new X509Certificate(first.ca))).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(statSync(join(first.dir, 'server.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(first.dir, 'ca.key')).mode & 0o777).toBe(0o600);
    const again = await ensureCertificates(dir, '127.0.0.1');
    expect(again.cert).toBe(first.cert);
    const moved = await ensureCertificates(dir, '10.1.2.3');
    expect(moved.ca).toBe(first.ca);
    expect(moved.cert).not.toBe(first.cert);
    expect(certificateFits(moved.cert, moved.ca, subjectAltNames('10.1.2.3'))).toBe(true);
    expect(certificateFits(first.cert, first.ca, subjectAltNames('10.1.2.3'))).toBe(false);
  });

  it('writes a kubeconfig naming the HTTPS listener, the CA and the token', () => {
    const yaml = kubeconfigYaml({ server: kubeServerUrl('0.0.0.0', 6443), caPem: 'PEM', token: 'secret' });
    expect(yaml).toContain('server: "https://127.0.0.1:6443"');
    expect(yaml).toContain(`certificate-authority-data: ${Buffer.from('PEM').toString('base64')}`);
    expect(yaml).toContain('token: "secret"');
    expect(yaml).toContain('namespace: default');
  });
});
