/**
 * Cookie-authenticated requests that change something must carry this header (any value).
 * Browsers let no other site set a custom header without a CORS preflight, which the API never
 * grants, so a forged form or cross-site fetch cannot act with someone's session. Plain module:
 * the web console imports it too.
 */
export const CSRF_HEADER = 'x-baton-console';
