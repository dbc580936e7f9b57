/** The page's UTF-8 helpers are the core's: one byte count for the editor, the signing panel and the server. */
export { utf8ByteLength } from '../../core/signing/utf8.ts';
