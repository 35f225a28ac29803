/**
 * A certificate for the test server's https and wss ports, made at test
 * time by openssl (as test/interop/tls.test.ts does) and never stored: a
 * self-signed P-256 certificate for 127.0.0.1 and localhost, valid one day.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  key: string;
  cert: string;
}

/** The key and certificate (PEM), or null when openssl is not installed. */
export function makeCertificate(): Credentials | null {
  const dir = mkdtempSync(join(tmpdir(), 'wsspec-wpt-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
