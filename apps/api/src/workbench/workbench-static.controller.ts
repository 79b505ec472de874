import { existsSync, readdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from '../errors/api-error';

/** Where `vite build` puts the workbench (apps/web/vite.config.ts); WORKBENCH_DIR overrides it. */
export function workbenchDir(): string {
  return process.env.WORKBENCH_DIR ? resolve(process.env.WORKBENCH_DIR) : resolve(__dirname, '../../../../dist/apps/web');
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
};
const NAME = /^[\w.-]{1,120}$/;
/** CJK glyphs for machines without a Chinese font (the letters' font, already a dependency); the browser loads it only when needed. */
const CJK_FONT = 'cjk.ttf';
const cjkFontPath = () => join(dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json')), '400Regular', 'NotoSerifSC_400Regular.ttf');

const notBuilt = () => new ApiError(404, 'WORKBENCH_NOT_BUILT', '工作台尚未构建（npx vite build -c apps/web/vite.config.ts）',
  'The workbench has not been built (npx vite build -c apps/web/vite.config.ts)');
const noFile = () => new ApiError(404, 'ASSET_NOT_FOUND', '文件不存在', 'No such file');

/**
 * The workbench's built page and assets (public: they hold no data; the page calls the API with the user's own
 * credentials). Only files `vite build` wrote are served: a name must be listed in its assets folder (no path is
 * built from input).
 */
@Controller('workbench')
export class WorkbenchStaticController {
  @Get()
  page(@Res() res: Response) {
    const index = join(workbenchDir(), 'index.html');
    if (!existsSync(index)) throw notBuilt();
    this.send(res, index, 'text/html; charset=utf-8');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response) {
    if (file === CJK_FONT) return this.send(res, cjkFontPath(), 'font/ttf');
    const dir = join(workbenchDir(), 'assets');
    const type = TYPES[extname(file)];
    if (!NAME.test(file) || !type || !existsSync(dir) || !readdirSync(dir).includes(file)) throw noFile();
    this.send(res, join(dir, file), type);
  }

  private send(res: Response, path: string, type: string): void {
    res.sendFile(path, { headers: { 'content-type': type, 'cache-control': 'no-cache' }, cacheControl: false }, (err) => {
      if (err && !res.headersSent) res.status(404).json({ error: { code: 'ASSET_NOT_FOUND', message: '文件不存在', messageEn: 'No such file' } });
    });
  }
}
