import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { Response } from 'express';
import { ApiError } from '../errors/api-error';
import { buildOpenApiDocument } from './openapi.document';
import { type RouteInfo, routesOf } from './openapi.routes';

/** Swagger UI's files come from the installed swagger-ui-dist package: served locally, no CDN. */
const SWAGGER_DIR = (): string => dirname(require.resolve('swagger-ui-dist/package.json'));
const JS = 'text/javascript; charset=utf-8';

/** The only files served under /docs/: name → file and type (no path is built from input). */
const ASSETS: Readonly<Record<string, { file: () => string; type: string } | { text: string; type: string }>> = {
  'swagger-ui.css': { file: () => join(SWAGGER_DIR(), 'swagger-ui.css'), type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: () => join(SWAGGER_DIR(), 'swagger-ui-bundle.js'), type: JS },
  'swagger-ui-standalone-preset.js': { file: () => join(SWAGGER_DIR(), 'swagger-ui-standalone-preset.js'), type: JS },
  'favicon-32x32.png': { file: () => join(SWAGGER_DIR(), 'favicon-32x32.png'), type: 'image/png' },
  // The page's start-up script is a file, not inline, so the CSP needs no 'unsafe-inline' for scripts.
  'docs-init.js': { type: JS, text: `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout',
    persistAuthorization: false, tryItOutEnabled: false,
  });
});
` },
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>信访案件督办引擎 API 文档 · Petition engine API docs</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
  <noscript>需要启用 JavaScript；接口文档的 JSON 见 /openapi.json · JavaScript is required; the document itself is at /openapi.json</noscript>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/docs-init.js"></script>
</body>
</html>
`;

/** Own scripts and styles (Swagger UI sets inline styles), calls to this API only. */
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
  + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The API's own description: the OpenAPI document of the routes Nest registered, and Swagger UI to read it. */
@Controller()
export class DocsController {
  private document?: Record<string, unknown>;
  private readonly files = new Map<string, Buffer>();

  constructor(private readonly modules: ModulesContainer) {}

  /** Every route of every module of this application, as the router registered them. */
  routes(): RouteInfo[] {
    const controllers = [...this.modules.values()].flatMap((m) => [...m.controllers.values()].map((w) => w.metatype))
      .filter((c): c is NonNullable<typeof c> => typeof c === 'function') as unknown as { name: string; prototype: Record<string, unknown> }[];
    return routesOf(controllers);
  }

  @Get('openapi.json')
  openapi() {
    // Built once: routes and rules are fixed when the application starts.
    this.document ??= buildOpenApiDocument(this.routes(), { version: process.env.npm_package_version });
    return this.document;
  }

  @Get('docs')
  page(@Res() res: Response) {
    res.setHeader('content-security-policy', DOCS_CSP);
    res.type('text/html; charset=utf-8').send(PAGE);
  }

  @Get('docs/:asset')
  asset(@Param('asset') asset: string, @Res() res: Response) {
    const found = Object.prototype.hasOwnProperty.call(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (!found) throw new ApiError(404, 'ASSET_NOT_FOUND', '文件不存在', 'No such file');
    let body = this.files.get(asset);
    if (!body) {
      body = 'text' in found ? Buffer.from(found.text) : readFileSync(found.file());
      this.files.set(asset, body);
    }
    res.setHeader('content-security-policy', DOCS_CSP);
    // Static files carry no data: browsers may keep them but must revalidate.
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-type', found.type);
    res.send(body);
  }
}
