import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LetterError } from './letter-error';

/** A font file; postscriptName picks the face inside a .ttc/.otc collection. */
export interface LetterFontFace {
  path: string;
  postscriptName?: string;
}

export interface LetterFont {
  regular: LetterFontFace;
  /** Absent when only one weight is available; the PDF then thickens the regular face. */
  bold?: LetterFontFace;
  /** Where it came from, for logs: 'env', the npm package name, or 'debian:<package>'. */
  source: string;
}

export interface LetterFontCandidate {
  source: string;
  regular: LetterFontFace;
  bold?: LetterFontFace;
}

/** Path of a TTF/OTF (or 'file.ttc#PostScriptName') to use instead of the known locations. */
export const LETTER_FONT_ENV = 'PETITIONS_LETTER_FONT';
/** Optional bold face to go with PETITIONS_LETTER_FONT. */
export const LETTER_FONT_BOLD_ENV = 'PETITIONS_LETTER_FONT_BOLD';

/** The npm package that ships the default font (Noto Serif SC, SIL OFL 1.1) as TTF files. */
export const LETTER_FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc';

/** 'path#Name' → face; a '#' inside a file name is unusual enough to claim for this. */
export function parseFontSpec(spec: string): LetterFontFace {
  const hash = spec.lastIndexOf('#');
  if (hash > 0 && /\.(ttc|otc)$/i.test(spec.slice(0, hash))) {
    return { path: spec.slice(0, hash), postscriptName: spec.slice(hash + 1) };
  }
  return { path: spec };
}

function packageFontDir(): string | undefined {
  try {
    return dirname(require.resolve(`${LETTER_FONT_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

/** Known locations, best first: the npm package, then Debian's CJK font packages. */
export function defaultLetterFontCandidates(): LetterFontCandidate[] {
  const out: LetterFontCandidate[] = [];
  const pkg = packageFontDir();
  if (pkg) {
    out.push({
      source: LETTER_FONT_PACKAGE,
      regular: { path: join(pkg, '400Regular', 'NotoSerifSC_400Regular.ttf') },
      bold: { path: join(pkg, '700Bold', 'NotoSerifSC_700Bold.ttf') },
    });
  }
  const noto = '/usr/share/fonts/opentype/noto';
  out.push(
    {
      source: 'debian:fonts-noto-cjk',
      regular: { path: `${noto}/NotoSerifCJK-Regular.ttc`, postscriptName: 'NotoSerifCJKsc-Regular' },
      bold: { path: `${noto}/NotoSerifCJK-Bold.ttc`, postscriptName: 'NotoSerifCJKsc-Bold' },
    },
    {
      source: 'debian:fonts-noto-cjk',
      regular: { path: `${noto}/NotoSansCJK-Regular.ttc`, postscriptName: 'NotoSansCJKsc-Regular' },
      bold: { path: `${noto}/NotoSansCJK-Bold.ttc`, postscriptName: 'NotoSansCJKsc-Bold' },
    },
    {
      source: 'debian:fonts-wqy-microhei',
      regular: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
    },
    {
      source: 'debian:fonts-wqy-zenhei',
      regular: { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
    },
  );
  return out;
}

export interface ResolveLetterFontOptions {
  env?: NodeJS.ProcessEnv;
  candidates?: LetterFontCandidate[];
  fileExists?: (path: string) => boolean;
}

/**
 * The font for PDF letters: $PETITIONS_LETTER_FONT when set (and then nothing else, so a typo is
 * reported rather than silently replaced), otherwise the first known location present.
 * Throws LetterError LETTER_FONT_MISSING with what was tried and how to fix it.
 */
export function resolveLetterFont(options: ResolveLetterFontOptions = {}): LetterFont {
  const env = options.env ?? process.env;
  const exists = options.fileExists ?? existsSync;
  const override = env[LETTER_FONT_ENV]?.trim();
  if (override) {
    const regular = parseFontSpec(override);
    const boldSpec = env[LETTER_FONT_BOLD_ENV]?.trim();
    const bold = boldSpec ? parseFontSpec(boldSpec) : undefined;
    const missing = [regular, bold].filter((f): f is LetterFontFace => f !== undefined && !exists(f.path));
    if (missing.length > 0) {
      const paths = missing.map((f) => f.path).join(', ');
      throw new LetterError(
        'LETTER_FONT_MISSING',
        `环境变量 ${LETTER_FONT_ENV}/${LETTER_FONT_BOLD_ENV} 指定的字体文件不存在：${paths}`,
        `The font file named by ${LETTER_FONT_ENV}/${LETTER_FONT_BOLD_ENV} does not exist: ${paths}`,
        missing.map((f) => ({ path: f.path, message: 'file not found' })),
      );
    }
    return { regular, bold, source: 'env' };
  }
  const candidates = options.candidates ?? defaultLetterFontCandidates();
  for (const c of candidates) {
    if (!exists(c.regular.path)) continue;
    const bold = c.bold && exists(c.bold.path) ? c.bold : undefined;
    return { regular: c.regular, bold, source: c.source };
  }
  const tried = candidates.map((c) => c.regular.path);
  throw new LetterError(
    'LETTER_FONT_MISSING',
    `找不到生成 PDF 督办文书所需的中文字体。请运行 npm ci 安装 ${LETTER_FONT_PACKAGE}，` +
      `或安装 Debian 软件包 fonts-noto-cjk，或设置环境变量 ${LETTER_FONT_ENV} 指向 TTF/OTF 字体文件。`,
    `No Chinese font found for PDF letters. Run npm ci (installs ${LETTER_FONT_PACKAGE}), install Debian's ` +
      `fonts-noto-cjk, or set ${LETTER_FONT_ENV} to a TTF/OTF font file. Tried: ${tried.join(', ') || '(nothing)'}`,
    tried.map((p) => ({ path: p, message: 'file not found' })),
  );
}
