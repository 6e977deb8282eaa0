import fs from 'fs';
import path from 'path';
import { buildProduction } from './build';

/**
 * The Content-Security-Policy of taskpane.html (issue 12, observation 8), in each build flavour: office.js from
 * Microsoft's CDN (the default), from 21Vianet's CDN, or self-hosted; the 自检 test server allowed only in
 * development builds or with --env testServer. The policy is the meta element first in <head>, before office.js and
 * the inline <style>: a meta CSP governs only what follows it. docs/security.md says why each directive is there.
 */
jest.setTimeout(300_000);

const base = (script: string, connect: string, frame: string) =>
  [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self'",
    `frame-src ${frame}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');

const MICROSOFT = 'https://appsforoffice.microsoft.com';
const VIANET = 'https://appsforoffice.cdn.partner.office365.cn';

const FLAVOURS: readonly [string, Record<string, string | boolean>, string, string][] = [
  [
    'Microsoft CDN (default)',
    {},
    `${MICROSOFT}/lib/1/hosted/office.js`,
    base(`'self' ${MICROSOFT}`, "'self'", `'self' ${MICROSOFT}`),
  ],
  [
    '21Vianet CDN',
    { officeJs: 'china' },
    `${VIANET}/appsforoffice/lib/1/hosted/office.js`,
    base(`'self' ${VIANET}`, "'self'", `'self' ${VIANET}`),
  ],
  ['self-hosted', { officeJs: 'self' }, 'office-js/office.js', base("'self'", "'self'", "'self'")],
  [
    'Microsoft CDN, test server allowed',
    { testServer: true },
    `${MICROSOFT}/lib/1/hosted/office.js`,
    base(`'self' ${MICROSOFT}`, "'self' https://localhost:4201", `'self' ${MICROSOFT}`),
  ],
];

/** The page's <head> up to the first script or style, and the policy of its CSP meta elements. */
function policyOf(html: string): { policies: string[]; beforeFirstResource: boolean; officeJs: string[] } {
  const metas = [...html.matchAll(/<meta\s+http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/gi)];
  const first = metas[0]?.index ?? Infinity;
  const resource = html.search(/<script|<style|<link/i);
  const officeJs = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]*office\.js)"?/g)].map((m) => m[1] ?? '');
  return { policies: metas.map((m) => m[1] ?? ''), beforeFirstResource: first < resource, officeJs };
}

describe.each(FLAVOURS)('%s', (_name, env, officeJs, expected) => {
  let out = '';
  beforeAll(async () => {
    out = await buildProduction(['functions'], env); // the page is the same whichever entries are built
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('taskpane.html carries exactly the intended policy, first in <head>, and loads that office.js', () => {
    const page = policyOf(fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8'));
    expect(page.policies).toEqual([expected]);
    expect(page.beforeFirstResource).toBe(true);
    expect(page.officeJs).toEqual([officeJs]);
    expect(page.policies[0]).not.toMatch(/unsafe-eval|\*|data:|http:/);
    const info = JSON.parse(fs.readFileSync(path.join(out, 'build-info.json'), 'utf8')) as Record<string, string>;
    expect(info.contentSecurityPolicy).toBe(expected);
  });
});

test('a development build (the dev server, never deployed) allows the test server; office.js as chosen', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpackConfig = require('../../webpack.config.js') as {
    (env: object, argv: object): Promise<{ plugins: { userOptions?: { templateParameters?: { csp?: string } } }[] }>;
  };
  const config = await webpackConfig({ officeJs: 'china' }, { mode: 'development' });
  const csp = config.plugins.map((p) => p.userOptions?.templateParameters?.csp).find(Boolean);
  expect(csp).toBe(base(`'self' ${VIANET}`, "'self' https://localhost:4201", `'self' ${VIANET}`));
});
