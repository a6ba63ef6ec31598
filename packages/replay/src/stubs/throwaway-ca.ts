/**
 * A certificate authority made for one replay and thrown away with it: an EC P-256 CA and one
 * leaf certificate for every recorded HTTPS host name and address (plus localhost and the
 * loopback addresses). The app trusts the CA through NODE_EXTRA_CA_CERTS; nothing else ever does.
 */
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import type * as X509 from '@peculiar/x509';
import { StubError } from './errors.js';
import { ensureReflectMetadata } from './reflect-metadata-shim.js';

/** The PEM files of a throwaway CA and the one certificate it issued. */
export interface ThrowawayCa {
  /** The CA certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  caCertPem: string;
  /** The stub's certificate (PEM), issued by the CA for all `hosts`. */
  certPem: string;
  /** The stub certificate's private key (PKCS#8 PEM). */
  keyPem: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
/** Replays pin the app's clock to the capture time, which may lie well in the past. */
const NOT_BEFORE = new Date('2000-01-01T00:00:00Z');
const VALID_DAYS = 365;
const ALWAYS = ['localhost', '127.0.0.1', '::1'];

/**
 * @param hosts recorded host names and IP addresses the stub answers for.
 */
export async function createThrowawayCa(hosts: readonly string[]): Promise<ThrowawayCa> {
  try {
    ensureReflectMetadata();
    const x509 = await import('@peculiar/x509');
    const crypto = webcrypto;
    const notAfter = new Date(Date.now() + VALID_DAYS * 86_400_000);
    const caKeys = (await crypto.subtle.generateKey(ALGORITHM, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const ca = await x509.X509CertificateGenerator.createSelfSigned(
      {
        name: 'CN=Flashback replay CA (throwaway)',
        keys: caKeys,
        signingAlgorithm: ALGORITHM,
        notBefore: NOT_BEFORE,
        notAfter,
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    const leafKeys = (await crypto.subtle.generateKey(ALGORITHM, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const names = [...new Set([...hosts.map((host) => host.toLowerCase()), ...ALWAYS])];
    const leaf = await x509.X509CertificateGenerator.create(
      {
        subject: `CN=${names[0] ?? 'localhost'}`,
        issuer: ca.subject,
        publicKey: leafKeys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: ALGORITHM,
        notBefore: NOT_BEFORE,
        notAfter,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.SubjectAlternativeNameExtension(names.map(generalName)),
          await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    const key = await crypto.subtle.exportKey('pkcs8', leafKeys.privateKey);
    return {
      caCertPem: ca.toString('pem'),
      certPem: leaf.toString('pem'),
      keyPem: x509.PemConverter.encode(key, 'PRIVATE KEY'),
    };
  } catch (cause) {
    throw new StubError(
      'FB_STUB_CA_FAILED',
      `could not create the throwaway CA for the HTTPS stubs: ${String(cause)}`,
      {
        cause,
      },
    );
  }
}

function generalName(host: string): X509.JsonGeneralName {
  return { type: isIP(host) ? 'ip' : 'dns', value: host };
}
