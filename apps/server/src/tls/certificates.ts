// The kubectl listener's certificates (DESIGN.md Conventions; kubectl-api.md §1: kubectl
// sends its token only over TLS): a local CA and a server certificate for 127.0.0.1,
// localhost and the --host address, generated at first start into <data-dir>/tls with
// Debian's openssl CLI (asynchronously, never at request time) and reused while valid.
import { execFile } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificates {
  /** PEM of the CA, for kubeconfig's certificate-authority-data. */
  ca: string;
  cert: string;
  key: string;
  dir: string;
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);
const RENEW_BEFORE_MS = 30 * 86_400_000;

/** The names the server certificate must cover: 127.0.0.1, localhost and the bind address. */
export function subjectAltNames(host: string): string[] {
  const names = ['IP:127.0.0.1', 'DNS:localhost'];
  const h = host.replace(/^\[|\]$/g, '');
  if (!WILDCARD.has(h) && h !== '127.0.0.1' && h !== 'localhost') names.push(isIP(h) ? `IP:${h}` : `DNS:${h}`);
  return names;
}

/** Whether a PEM certificate is still usable: not expiring within 30 days, issued by `ca`, covering every name. */
export function certificateFits(certPem: string, caPem: string, names: readonly string[], now = Date.now()): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    if (Date.parse(cert.validTo) - now < RENEW_BEFORE_MS || Date.parse(ca.validTo) - now < RENEW_BEFORE_MS) return false;
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return false;
    return names.every((n) => (n.startsWith('IP:') ? cert.checkIP(n.slice(3)) : cert.checkHost(n.slice(4))) !== undefined);
  } catch {
    return false;
  }
}

const read = (file: string) => readFile(file, 'utf8').catch(() => '');

export async function ensureCertificates(dataDir: string, host: string): Promise<Certificates> {
  const dir = join(dataDir, 'tls');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => join(dir, name);
  const names = subjectAltNames(host);
  let ca = await read(file('ca.crt'));
  let cert = await read(file('server.crt'));
  let key = await read(file('server.key'));
  const caValid = ca !== '' && (await read(file('ca.key'))) !== '' && certificateFits(ca, ca, []);
  if (!caValid) {
    await generateCa(dir);
    ca = await read(file('ca.crt'));
  }
  if (!caValid || key === '' || !certificateFits(cert, ca, names)) {
    await generateServer(dir, names);
    cert = await read(file('server.crt'));
    key = await read(file('server.key'));
  }
  return { ca, cert, key, dir };
}

const CA_CONFIG = `[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = Rudder local CA
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

const serverConfig = (names: readonly string[]) => `[req]
distinguished_name = dn
prompt = no
[dn]
CN = rudder
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = ${names.join(', ')}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[]) {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('the openssl command is needed to create the kubectl certificates (apt-get install openssl)');
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.trim() || e.message}`);
  }
}

async function generateCa(dir: string) {
  const config = join(dir, 'ca.cnf');
  await writeFile(config, CA_CONFIG);
  await openssl(['req', '-x509', ...EC, '-config', config, '-days', '3650', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt')]);
  await chmod(join(dir, 'ca.key'), 0o600);
  await rm(config, { force: true });
}

async function generateServer(dir: string, names: readonly string[]) {
  const config = join(dir, 'server.cnf');
  const csr = join(dir, 'server.csr');
  await writeFile(config, serverConfig(names));
  await openssl(['req', '-new', ...EC, '-config', config, '-keyout', join(dir, 'server.key'), '-out', csr]);
  await chmod(join(dir, 'server.key'), 0o600);
  await openssl([
    'x509', '-req', '-in', csr, '-CA', join(dir, 'ca.crt'), '-CAkey', join(dir, 'ca.key'),
    '-set_serial', `0x${randomBytes(16).toString('hex')}`, '-days', '825',
    '-extfile', config, '-extensions', 'v3_server', '-out', join(dir, 'server.crt'),
  ]);
  await Promise.all([rm(config, { force: true }), rm(csr, { force: true })]);
}
