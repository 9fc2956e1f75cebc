import { z } from 'zod';

/**
 * Zod without its eval-compiled fast path. The gateway's Content-Security-Policy forbids eval, and zod's
 * probe for it (`new Function('')` when the first object schema is built) makes the browser log a CSP
 * violation on every page load. Must be imported before any module that builds a schema.
 */
z.config({ jitless: true });
