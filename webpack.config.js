const path = require('path');
const fs = require('fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { sources, Compilation, WebpackError } = require('webpack');

/**
 * One shared-runtime page (taskpane.html) hosts the task pane, the ribbon commands and the custom functions,
 * as Microsoft's shared-runtime template does. functions.js is also its own small standalone chunk: it
 * registers the functions and nothing else, so it loads in any JavaScript runtime.
 *
 * Build-time options (`npm run build -- --env baseUrl=https://intranet.example/kpi/`):
 *   baseUrl  where an office hosts the add-in; the production manifest's URLs are rewritten to it.
 *   officeJs cdn (default, Microsoft's CDN) | china (21Vianet CDN) | self (a copy from @microsoft/office-js).
 *   testServer  allow the page to send the 自检 report to office-addin-test-server on https://localhost:4201
 *            (always in development builds; in production only with this flag: see docs/security.md).
 */
const DEV_URL = 'https://localhost:3000/';
const OFFICE_JS = {
  cdn: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
  self: 'office-js/office.js',
};

/** Where the 自检 report may be posted (office-addin-test-server's default port), in builds that allow it. */
const TEST_SERVER = 'https://localhost:4201';

/**
 * The Content-Security-Policy of taskpane.html — the one page of the add-in: the task pane, the ribbon commands and
 * the custom functions run in it (shared runtime). Everything comes from the add-in's own origin, except office.js
 * and the files it loads beside itself (its host-specific scripts, strings and error page), which come from the
 * origin of the office.js the build was made for. Scripts: no inline script, no eval. Styles: 'unsafe-inline', because
 * Fluent UI (Griffel) and Office.js on the web insert styles at run time and a static page cannot carry a fresh
 * nonce. docs/security.md gives the reasons for each directive.
 */
function contentSecurityPolicy({ officeJs, testServer }) {
  const office = officeJs === 'self' ? [] : [new URL(OFFICE_JS[officeJs]).origin];
  const sources = (...list) => list.join(' ');
  return [
    `default-src 'self'`,
    `script-src ${sources("'self'", ...office)}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self'`,
    `font-src 'self'`,
    `connect-src ${sources("'self'", ...(testServer ? [TEST_SERVER] : []))}`,
    `worker-src 'self'`,
    `frame-src ${sources("'self'", ...office)}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
  ].join('; ');
}

/**
 * The files page's CSP (dist/files.html, issue 14): its own scripts, styles and worker only — no Office, no inline
 * anything, no connection beyond its own origin (files never leave the browser).
 */
const FILES_PAGE_CSP = [
  `default-src 'self'`,
  `script-src 'self'`,
  `style-src 'self'`,
  `img-src 'self'`,
  `font-src 'self'`,
  `connect-src 'self'`,
  `worker-src 'self'`,
  `object-src 'none'`,
  `base-uri 'self'`,
  `form-action 'none'`,
].join('; ');

/** The files page's plugins: its HTML with its CSP first in <head>, and its stylesheet. */
function filesPagePlugins() {
  return [
    new HtmlWebpackPlugin({
      filename: 'files.html',
      template: './src/filesPage/files.html',
      chunks: ['files'],
      templateParameters: { csp: FILES_PAGE_CSP },
    }),
    new CopyWebpackPlugin({ patterns: [{ from: 'src/filesPage/files.css', to: 'files.css' }] }),
  ];
}

/** Rewrites the dev URL prefix of every URL in the manifest to the production base URL. */
function rewriteManifest(xml, baseUrl) {
  const base = normaliseBaseUrl(baseUrl);
  return xml.split(DEV_URL).join(base);
}

function normaliseBaseUrl(baseUrl) {
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`baseUrl "${baseUrl}" is not a URL (example: https://kpi.example.gov.cn/addin/)`);
  }
  if (url.protocol !== 'https:') throw new Error(`baseUrl must use https (Office requires it): ${baseUrl}`);
  if (url.search || url.hash) throw new Error(`baseUrl must not have a query or fragment: ${baseUrl}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * zh-CN custom-function metadata from the English metadata and a translation table: names stay English,
 * descriptions and parameter names/help are Chinese. A missing translation is an error, not a fallback.
 */
function localizeMetadata(metadata, table) {
  const missing = [];
  const functions = metadata.functions.map((fn) => {
    const t = table.functions[fn.id];
    if (!t || !t.description) {
      missing.push(fn.id);
      return fn;
    }
    const parameters = (fn.parameters || []).map((p) => {
      const tp = t.parameters && t.parameters[p.name];
      if (!tp || !tp.name || !tp.description) {
        missing.push(`${fn.id}.${p.name}`);
        return p;
      }
      return { ...p, name: tp.name, description: tp.description };
    });
    const result = fn.result && t.result ? { ...fn.result, description: t.result } : fn.result;
    return { ...fn, description: t.description, parameters, ...(result ? { result } : {}) };
  });
  return { metadata: { ...metadata, functions }, missing };
}

class LocalizedFunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LocalizedFunctionsMetadata', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LocalizedFunctionsMetadata', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset('functions.json');
          if (!asset) return; // the metadata plugin reported its own error
          const tablePath = path.resolve(__dirname, 'src/functions/functions.zh-cn.json');
          compilation.fileDependencies.add(tablePath);
          const table = JSON.parse(fs.readFileSync(tablePath, 'utf8'));
          const { metadata, missing } = localizeMetadata(JSON.parse(asset.source.source().toString()), table);
          if (missing.length)
            compilation.errors.push(new WebpackError(`zh-CN function metadata lacks: ${missing.join(', ')}`));
          compilation.emitAsset('functions.zh-cn.json', new sources.RawSource(JSON.stringify(metadata, null, 2)));
        },
      );
    });
  }
}

/**
 * Fails the build when the task pane page or the functions outgrow their gzipped budgets (deterministic, unlike
 * timings). The page's budget counts every script taskpane.html loads before first paint: the initial chunks of
 * its three entries (taskpane, commands, functions: the shared runtime loads all three) and the messages of one
 * language, which index.tsx waits for before mounting — the larger of the two, so that the budget holds in either
 * language. Chunks loaded after first paint (the feature panels, the Excel adapter, the xlsx reader) are not in it.
 */
class BudgetPlugin {
  constructor({ page, functions, pageEntries, languageChunks }) {
    Object.assign(this, { page, functions, pageEntries, languageChunks });
  }
  apply(compiler) {
    const zlib = require('zlib');
    compiler.hooks.thisCompilation.tap('Budget', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'Budget', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const gzip = (file) => zlib.gzipSync(compilation.getAsset(file).source.buffer(), { level: 9 }).length;
        const jsOf = (chunks) => [
          ...new Set([...chunks].flatMap((c) => [...c.files].filter((f) => f.endsWith('.js')))),
        ];
        const scripts = {};
        for (const entry of this.pageEntries) {
          const point = compilation.entrypoints.get(entry);
          if (point) for (const file of jsOf(point.chunks)) scripts[file] = gzip(file);
        }
        // A language is its chunk and every chunk loaded with it (webpack moves modules it shares with other chunks,
        // e.g. the words the sheet builders use, into chunks of their own): the whole chunk group, less the entries'.
        const languages = {};
        const languageFiles = {};
        for (const name of this.languageChunks) {
          const group = compilation.namedChunkGroups.get(name);
          if (!group) continue;
          languageFiles[name] = jsOf(group.chunks).filter((f) => !(f in scripts));
          languages[name] = languageFiles[name].reduce((n, f) => n + gzip(f), 0);
        }
        const initial = Object.values(scripts).reduce((a, b) => a + b, 0);
        const language = Math.max(0, ...Object.values(languages));
        const functionsPoint = compilation.entrypoints.get('functions');
        const functions = functionsPoint ? jsOf(functionsPoint.chunks).reduce((n, f) => n + gzip(f), 0) : 0;
        const report = {
          page: { gzipBytes: initial + language, budget: this.page, scripts, languages, languageFiles },
          functions: { gzipBytes: functions, budget: this.functions },
        };
        for (const [name, { gzipBytes, budget }] of Object.entries(report)) {
          if (gzipBytes > budget)
            compilation.errors.push(
              new WebpackError(`${name} is ${gzipBytes} bytes gzipped, over its budget of ${budget}`),
            );
        }
        compilation.emitAsset('budgets.json', new sources.RawSource(JSON.stringify(report, null, 2)));
      });
    });
  }
}

/**
 * HTTPS for the dev server: the Office add-in dev certificates (trusted by Excel once installed, as
 * `npx office-addin-dev-certs install` does on Windows and Mac). Where the CA cannot be installed (Linux
 * without sudo) the generated certificate is still served, and the browser must be told to trust it.
 */
async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    const dir = path.join(require('os').homedir(), '.office-addin-dev-certs');
    const files = ['localhost.crt', 'localhost.key', 'ca.crt'].map((f) => path.join(dir, f));
    if (!files.every((f) => fs.existsSync(f))) throw e;
    console.warn(
      `[dev-server] ${e.message.trim()}\n[dev-server] serving the generated certificate from ${dir} without installing its CA.`,
    );
    const [cert, key, ca] = files.map((f) => fs.readFileSync(f));
    return { cert, key, ca };
  }
}

module.exports = async (env = {}, argv = {}) => {
  if (env.preview) return previewConfig(env, argv);
  const production = argv.mode === 'production';
  const officeJs = env.officeJs || 'cdn';
  if (!OFFICE_JS[officeJs]) throw new Error(`officeJs must be one of ${Object.keys(OFFICE_JS).join(', ')}`);
  const csp = contentSecurityPolicy({ officeJs, testServer: !production || Boolean(env.testServer) });
  const baseUrl = normaliseBaseUrl(env.baseUrl || process.env.ADDIN_BASE_URL || DEV_URL);
  if (production && baseUrl === DEV_URL) {
    console.warn(
      `[build] no baseUrl given: the production manifest points at ${DEV_URL} (use --env baseUrl=https://…/)`,
    );
  }

  return {
    mode: production ? 'production' : 'development',
    // Not an eval-based source map in development: the page's CSP allows no eval, in development as in production.
    devtool: production ? 'source-map' : 'cheap-module-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      functions: './src/functions/functions.ts',
      files: './src/filesPage/index.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
                target: 'es2020',
              },
            },
          },
        },
      ],
    },
    performance: { hints: false }, // budgets are enforced by BudgetPlugin, gzipped
    node: { global: false }, // webpack's `global` shim would use `new Function("return this")`
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new LocalizedFunctionsMetadataPlugin(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane', 'commands', 'functions'],
        // The CSP is a template parameter, not the plugin's `meta` option: a meta CSP governs only what follows it,
        // so the template puts it first in <head>, before office.js and the inline <style>.
        templateParameters: { officeJs: OFFICE_JS[officeJs], csp },
      }),
      ...filesPagePlugins(),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (production ? rewriteManifest(content.toString(), baseUrl) : content),
          },
          ...(officeJs === 'self'
            ? [
                {
                  from: path.dirname(require.resolve('@microsoft/office-js/dist/office.js')),
                  to: 'office-js',
                  info: { minimized: true },
                },
              ]
            : []),
        ],
      }),
      {
        apply(compiler) {
          compiler.hooks.thisCompilation.tap('BuildInfo', (compilation) => {
            compilation.hooks.processAssets.tap(
              { name: 'BuildInfo', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
              () => {
                const info = {
                  baseUrl,
                  officeJs: OFFICE_JS[officeJs],
                  contentSecurityPolicy: csp,
                  mode: production ? 'production' : 'development',
                };
                compilation.emitAsset('build-info.json', new sources.RawSource(JSON.stringify(info, null, 2)));
              },
            );
          });
        },
      },
      new BudgetPlugin({
        page: 150_000, // bytes: "KB" in budgets and docs is 1,000 bytes
        functions: 5_000,
        pageEntries: ['taskpane', 'commands', 'functions'],
        languageChunks: ['messages-zh', 'messages-en'],
      }),
    ],
    devServer: {
      port: 3000,
      host: 'localhost',
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'dist') },
      server: env.WEBPACK_SERVE ? { type: 'https', options: await httpsOptions() } : 'https',
    },
  };
};

/**
 * The preview host (`npm start`): the task pane beside an in-memory workbook, for machines without Excel.
 * A separate configuration, so the production add-in build never contains it (nor HyperFormula, GPLv3).
 */
function previewConfig(env, argv) {
  const production = argv.mode === 'production';
  return {
    mode: production ? 'production' : 'development',
    // Not an eval-based source map: the files page served beside the preview allows no eval (its CSP), in
    // development as in production.
    devtool: production ? false : 'cheap-module-source-map',
    entry: { preview: './src/preview/index.tsx', files: './src/filesPage/index.ts' },
    output: { path: path.resolve(__dirname, env.outDir || 'dist-preview'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
                target: 'es2020',
              },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/preview/preview.html', chunks: ['preview'] }),
      new CopyWebpackPlugin({ patterns: [{ from: 'src/preview/preview.css', to: 'preview.css' }] }),
      ...filesPagePlugins(),
    ],
    devServer: {
      port: Number(env.port || 3001),
      host: 'localhost',
      hot: false,
      open: false,
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
}

module.exports.rewriteManifest = rewriteManifest;
module.exports.normaliseBaseUrl = normaliseBaseUrl;
module.exports.localizeMetadata = localizeMetadata;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.FILES_PAGE_CSP = FILES_PAGE_CSP;
