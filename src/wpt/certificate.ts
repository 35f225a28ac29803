/**
 * The test server's https and wss certificates, made at test time by
 * openssl and never stored. As wptserve does (its web-platform.test CA), a
 * certificate authority signs the server's certificate, and clients are
 * told to trust the authority. A single self-signed certificate would not
 * do: it carries `CA:TRUE`, and a verifier that holds an end-entity to the
 * rules (rustls, hence Deno) refuses a CA certificate presented as the
 * server's own ("CaUsedAsEndEntity"), so every wss connection of that
 * engine would fail for a reason of ours, not of its WebSocket.
 *
 *   authority  self-signed P-256, CA:TRUE, valid one day
 *   server     P-256 for 127.0.0.1 and localhost, CA:FALSE, serverAuth,
 *              signed by the authority, valid one day
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  /** The server's private key (PEM). */
  key: string;
  /** The server's certificate (PEM), signed by `ca`. */
  cert: string;
  /** The authority's certificate (PEM): what a client must trust (NODE_EXTRA_CA_CERTS, Deno's --cert). */
  ca: string;
}

const SERVER_EXTENSIONS = [
  'subjectAltName=DNS:localhost,IP:127.0.0.1',
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature',
  'extendedKeyUsage=serverAuth',
].join('\n');

/** The key and certificates (PEM), or null when openssl is not installed. */
export function makeCertificate(): Credentials | null {
  const dir = mkdtempSync(join(tmpdir(), 'wsspec-wpt-tls-'));
  const file = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    execFileSync('openssl', ['req', '-x509', ...ec, '-days', '1', '-subj', '/CN=wsspec WPT test authority', '-keyout', file('ca.key'), '-out', file('ca.pem')], { stdio: 'ignore' });
    execFileSync('openssl', ['req', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', file('key.pem'), '-out', file('server.csr')], { stdio: 'ignore' });
    writeFileSync(file('server.ext'), `${SERVER_EXTENSIONS}\n`);
    execFileSync(
      'openssl',
      ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-set_serial', String(Date.now()), '-days', '1', '-extfile', file('server.ext'), '-out', file('cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(file('key.pem'), 'utf8'), cert: readFileSync(file('cert.pem'), 'utf8'), ca: readFileSync(file('ca.pem'), 'utf8') };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
