// The sizes of a sealed box, in one place with no imports: the contract (src/contract), the
// crypto module and the browser all check boxes against them.
export const BOX_OVERHEAD = 48; // crypto_box_SEALBYTES: ephemeral public key (32) + MAC (16)
export const PAD_BLOCK = 1024;
export const MAX_BOX_BYTES = 64 * 1024;
/**
 * A whole report sealed to the server's transport key while it waits on a phone, and the body
 * limit of a report: up to eight boxes of the largest size, base64-encoded, with room to spare.
 */
export const MAX_REPORT_BYTES = 720 * 1024;
