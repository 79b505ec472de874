import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The Debian/Ubuntu Chromium, wherever the distribution put it (CHROMIUM_PATH overrides; tools/setup/ensure-system-packages.sh installs it). */
export function chromiumPath(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((d) => ['chromium', 'chromium-browser'].map((n) => join(d, n)));
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', ...onPath, '/usr/lib/chromium/chromium',
    '/snap/bin/chromium', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); install it: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return found;
}
