import type { HmacSha256 } from '../../../core/signing/index.ts';

/** HMAC-SHA256 through WebCrypto, injected into the signing core in the page. */
export const webCryptoHmac: HmacSha256 = async (key, message) => {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, message as BufferSource));
};
