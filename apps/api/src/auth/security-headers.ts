import type { NextFunction, Request, Response } from 'express';

/** The API answers JSON (and letter documents): nothing may run, frame it or be loaded from it. */
const JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Letter HTML carries its own inline styles and embedded fonts/images, nothing else. */
const LETTER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The dashboard page (/dashboard): its own scripts and styles, calls to this API, letters shown from blobs. Inline
 * styles are allowed for the chart library's tooltips and the letters' own styles; no inline or foreign script.
 */
const DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The browser pages the API serves: the workbench (apps/web) and the old dashboard address. */
const isPagePath = (path: string) => ['/dashboard', '/workbench'].some((p) => path === p || path.startsWith(`${p}/`));

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Content-Security-Policy', /^\/letters\/\d+\.html$/.test(req.path) ? LETTER_CSP
    : isPagePath(req.path) ? DASHBOARD_CSP : JSON_CSP);
  // Responses may hold personal data: no shared or browser caches.
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** The only routes a browser on another origin may call: the codec endpoint, for the Temporal UI. */
export const CORS_PATH_PREFIX = '/codec/';

const CORS_ALLOWED = {
  methods: ['POST', 'OPTIONS'],
  allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-namespace', 'x-actor-id', 'x-actor-role', 'x-actor-unit'],
  maxAge: 600,
};

/**
 * CORS from an allow-list (CORS_ORIGINS), and only on /codec/*: no origin is allowed by default, and no other route
 * answers a cross-origin request whatever the list holds (the dashboard is served from the API's own origin).
 */
export function corsOptions(origins: readonly string[]) {
  return (req: { url?: string; headers: { origin?: string } }, cb: (err: Error | null, options: Record<string, unknown>) => void) => {
    const path = (req.url ?? '').split('?')[0]!;
    const origin = req.headers.origin;
    const allowed = path.startsWith(CORS_PATH_PREFIX) && !!origin && origins.includes(origin);
    cb(null, allowed ? { ...CORS_ALLOWED, origin: true } : { origin: false });
  };
}
