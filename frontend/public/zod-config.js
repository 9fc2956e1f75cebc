// Zod without its eval-compiled fast path. The gateway's Content-Security-Policy forbids eval, and zod's
// probe for it (new Function('') when the first object schema is built) makes the browser log a CSP
// violation on every page load. A classic script in index.html's head, so it runs before every module
// chunk (the chunk that holds zod also builds the features' schemas); zod adopts the object it finds on
// globalThis.__zod_globalConfig.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });
