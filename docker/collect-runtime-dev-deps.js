#!/usr/bin/env node
/**
 * Image build helper (runs inside docker/Dockerfile's "build" stage, plain Node, no dependencies).
 *
 * The apps run TypeScript through `@swc-node/register`, a devDependency. The runtime image is otherwise
 * built from `npm ci --omit=dev`; this script copies, from a full `npm ci` tree, exactly the dev-only
 * packages that the runtime entries need (their dependency + peer-dependency closure as recorded in
 * package-lock.json), at the same node_modules paths the lockfile gives them. Platform bindings that npm
 * did not install for this OS/CPU are skipped. Packages that are already production dependencies are not
 * copied (the --omit=dev tree has them at the same paths, since both installs follow the same lockfile).
 *
 * Usage: node docker/collect-runtime-dev-deps.js <appDir> <outDir> [package ...]
 *   copies <appDir>/node_modules/<pkg> -> <outDir>/node_modules/<pkg> for each dev-only package in the closure.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [appDir, outDir, ...entries] = process.argv.slice(2);
if (!appDir || !outDir) {
  console.error('usage: collect-runtime-dev-deps.js <appDir> <outDir> [package ...]');
  process.exit(2);
}
const roots = entries.length ? entries : ['@swc-node/register'];
const lock = JSON.parse(fs.readFileSync(path.join(appDir, 'package-lock.json'), 'utf8'));
const packages = lock.packages;
if (!packages) throw new Error('package-lock.json has no "packages" map (lockfileVersion >= 2 required)');

/** Node's lookup, over lockfile paths: from "node_modules/a/node_modules/b", try nested dirs first, then upwards. */
function resolve(fromPath, name) {
  let base = fromPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

const closure = new Set();
function walk(lockPath) {
  if (closure.has(lockPath)) return;
  const meta = packages[lockPath];
  // Production packages (and their whole subtree) are already in the --omit=dev install.
  if (!meta.dev && !meta.devOptional) return;
  closure.add(lockPath);
  const optionalPeers = meta.peerDependenciesMeta ?? {};
  const names = [
    ...Object.keys(meta.dependencies ?? {}),
    ...Object.keys(meta.optionalDependencies ?? {}),
    ...Object.keys(meta.peerDependencies ?? {}).filter((n) => !optionalPeers[n]?.optional),
  ];
  for (const name of names) {
    const target = resolve(lockPath, name);
    if (target) walk(target);
  }
}

for (const name of roots) {
  const lockPath = `node_modules/${name}`;
  if (!packages[lockPath]) throw new Error(`${name} is not in package-lock.json`);
  walk(lockPath);
}

let copied = 0;
for (const lockPath of [...closure].sort()) {
  const from = path.join(appDir, lockPath);
  if (!fs.existsSync(from)) continue; // optional platform binding not installed on this OS/CPU
  const to = path.join(outDir, lockPath);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  // Nested node_modules are lockfile entries of their own: copied only when they are in the closure.
  fs.cpSync(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => src === from || path.relative(from, src).split(path.sep)[0] !== 'node_modules',
  });
  copied += 1;
  console.log(`runtime dev dependency: ${lockPath}@${packages[lockPath].version}`);
}
if (copied === 0) throw new Error(`no dev-only packages found for ${roots.join(', ')}: nothing copied`);
