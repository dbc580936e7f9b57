/** Above the string-to-sign of a Partner API request: what its payload is made of, and what it is not. */
export function PartnerPayloadNote() {
  return (
    <p className="rounded-md border border-slate-200 bg-white px-3 py-1.5 text-xs leading-relaxed text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
      <span className="font-semibold text-slate-800 dark:text-slate-100">Partner API payload:</span> the x-timestamp (or
      x-nonce) value + the full URL + the body, no separators and <strong>no method</strong>; signed with RSA PKCS#1
      v1.5 over SHA-256 by the partner’s private key, sent as unpadded base64url in x-sign.
    </p>
  );
}
