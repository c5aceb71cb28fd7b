// Limits shared by the workspace pages and the server (no imports, so the browser can use it).
export const MIN_PASSWORD_CHARS = 12;
// A session ends after this long without a request, and in any case after SESSION_MAX_MS.
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
