import type { FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/** HSTS lifetime: one year, the usual minimum for browsers to take it seriously. */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * The security headers of every response (HTML, JSON, problem+json, 404), from the public URL alone.
 *
 * - CSP: scripts only from this origin and never inline (the built page has none); styles only from this
 *   origin too: the UI ships one stylesheet, and the one dynamic width it sets (a progress bar) goes
 *   through the CSSOM, which `style-src` does not govern, so no `'unsafe-inline'` is needed. Images may
 *   be `data:` for the SVG favicon and icons. No plugins, no `<base>`, forms post only here, and no page
 *   of Stapel may be framed (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for old browsers):
 *   a framed sign-in or revoke button is a clickjacking target.
 * - `Referrer-Policy: no-referrer`: links in e-mail carry one-time secrets in the query (password reset,
 *   invitations, e-mail confirmation) and the verify page carries credential links; nothing in Stapel
 *   reads the Referer, so none is sent anywhere, not even to this origin's own logs or proxies.
 * - HSTS only when the public URL is https: on http (development, tests behind a proxy that terminates
 *   elsewhere) it would either be ignored or pin a host to https it cannot serve. No `includeSubDomains`:
 *   the sibling hosts of an institution's domain are not Stapel's to bind. `upgrade-insecure-requests`
 *   follows the same rule.
 *
 * @example
 * securityHeaderOptions('https://stapel.example.be').strictTransportSecurity // → { maxAge: 31536000, … }
 */
export function securityHeaderOptions(publicUrl: string): FastifyHelmetOptions {
  const https = new URL(publicUrl).protocol === 'https:';
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE, includeSubDomains: false } : false,
    xContentTypeOptions: true,
  };
}

/** Registers the security headers on the whole application; call before any route. */
export async function installSecurityHeaders(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(helmet, securityHeaderOptions(publicUrl));
}
