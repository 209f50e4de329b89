/**
 * What the browser fetches for a screen of the built web app, read from Vite's manifest
 * (dist/web/.vite/manifest.json): the entry (index.html's script and its static imports), the screen's own
 * lazily loaded module and everything that imports statically, and their CSS. Sizes as built (raw) and
 * compressed as the server sends them (gzip level 9, brotli quality 11: scripts/precompress.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface Sized {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export function readManifest(webDir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(webDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The files (scripts and CSS) a set of manifest keys loads statically, entry included. */
export function filesFor(manifest: Manifest, keys: string[]): string[] {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`not in the manifest: ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of ['index.html', ...keys]) visit(key);
  return [...files];
}

const cache = new Map<string, Sized>();

/** Raw, gzip and brotli size of a built file (the .gz/.br copies when the build wrote them). */
export function sizeOf(webDir: string, file: string): Sized {
  const known = cache.get(file);
  if (known) return known;
  const full = path.join(webDir, file);
  const raw = fs.readFileSync(full);
  const compressed = (suffix: string, make: () => Buffer) =>
    fs.existsSync(full + suffix) ? fs.statSync(full + suffix).size : make().length;
  const sized = {
    file,
    raw: raw.length,
    gzip: compressed('.gz', () => zlib.gzipSync(raw, { level: 9 })),
    brotli: compressed('.br', () =>
      zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    ),
  };
  cache.set(file, sized);
  return sized;
}

export function total(sized: Sized[]): Omit<Sized, 'file'> {
  return sized.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

/** The screens the issue names, as manifest keys of their lazily loaded modules. */
export const SCREENS: { name: string; keys: string[] }[] = [
  { name: 'sign-in', keys: ['src/web/pages/auth/SignInPage.tsx'] },
  { name: 'self-registration', keys: ['src/web/pages/self-service/RegisterPage.tsx'] },
  { name: 'counsellor home', keys: ['src/web/app/Shell.tsx', 'src/web/pages/home/HomePage.tsx'] },
];

/** A screen's files with sizes; a build without lazy screens (one bundle) loads the entry alone. */
export function screenFiles(webDir: string, manifest: Manifest, keys: string[]): Sized[] {
  const present = keys.filter((k) => manifest[k]);
  return filesFor(manifest, present).map((f) => sizeOf(webDir, f));
}

/** The catalogue file of a language, when the build splits them (loaded beside the entry at start-up). */
export function catalogueFile(manifest: Manifest, locale: string): string | null {
  return manifest[`src/common/i18n/${locale}.json`]?.file ?? null;
}
