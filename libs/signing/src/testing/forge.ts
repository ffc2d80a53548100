import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import type { JsonValue } from '../jws/canonical-json';

/**
 * Hand-made JWS, built without jose, to show the verifiers refuse what an attacker can make:
 * no signature, an HMAC keyed with public material, another algorithm, an edited payload.
 */
type Json = { readonly [key: string]: JsonValue };

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

const signingInput = (header: Json, payload: Json): string =>
  `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;

export const decodePart = (jws: string, index: 0 | 1): Json =>
  JSON.parse(Buffer.from(jws.split('.')[index] ?? '', 'base64url').toString('utf8')) as Json;

export const forgeUnsigned = (header: Json, payload: Json): string =>
  `${signingInput({ ...header, alg: 'none' }, payload)}.`;

export const forgeHs256 = (header: Json, payload: Json, secret: string | Buffer): string => {
  const input = signingInput({ ...header, alg: 'HS256' }, payload);
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

export const forgeRs256 = (header: Json, payload: Json): string => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const input = signingInput({ ...header, alg: 'RS256' }, payload);
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey, 'base64url')}`;
};

/** Keeps header and signature, replaces the payload. */
export const withPayload = (jws: string, payload: Json): string => {
  const [header, , signature] = jws.split('.');
  return `${header}.${b64(JSON.stringify(payload))}.${signature}`;
};

/** Keeps payload and signature, replaces the header. */
export const withHeader = (jws: string, header: Json): string => {
  const [, payload, signature] = jws.split('.');
  return `${b64(JSON.stringify(header))}.${payload}.${signature}`;
};
