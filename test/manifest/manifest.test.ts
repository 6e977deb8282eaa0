/**
 * Offline checks of the add-in only (XML) manifest: structure, resource wiring, localisation, URLs and icons.
 *
 * The same checks run against the source manifest (URLs on https://localhost:3000) and, when a production
 * build has been made, against dist/manifest.xml (URLs on the base URL recorded in dist/build-info.json).
 * Icon URLs are resolved to files relative to the directory that holds the manifest being checked.
 */
import fs from 'node:fs';
import { ENHANCEMENTS, FEATURE_REQUIREMENTS } from '../../src/workbook/excel/features';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// ---------------------------------------------------------------------------------------------------------
// A tiny element tree on top of fast-xml-parser's order-preserving output.

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const ATTR_PREFIX = '@_';

function toTree(nodes: unknown[]): El[] {
  const out: El[] = [];
  for (const node of nodes) {
    const rec = node as Record<string, unknown>;
    const name = Object.keys(rec).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?') || name === '#comment') continue;
    const rawAttrs = (rec[':@'] ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawAttrs)) attrs[k.slice(ATTR_PREFIX.length)] = String(v);
    const kids = (rec[name] ?? []) as unknown[];
    const text = kids
      .map((k) => (k as Record<string, unknown>)['#text'])
      .filter((t) => t !== undefined)
      .map(String)
      .join('')
      .trim();
    out.push({ name, attrs, children: toTree(kids), text });
  }
  return out;
}

function loadManifest(file: string): { root: El } {
  const xml = fs.readFileSync(file, 'utf8');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR_PREFIX,
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const roots = toTree(parser.parse(xml) as unknown[]);
  const root = roots.find((r) => r.name === 'OfficeApp');
  if (!root) throw new Error(`${file}: no <OfficeApp> root element`);
  return { root };
}

/** Every descendant (depth-first, document order), optionally filtered by element name. */
function all(el: El, name?: string): El[] {
  const out: El[] = [];
  const walk = (e: El): void => {
    for (const c of e.children) {
      if (!name || c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

function kids(el: El, name: string): El[] {
  return el.children.filter((c) => c.name === name);
}

function kid(el: El | undefined, name: string): El {
  if (!el) throw new Error(`cannot look for <${name}> under a missing element`);
  const found = kids(el, name);
  if (found.length !== 1) throw new Error(`expected exactly one <${name}> under <${el.name}>, found ${found.length}`);
  return found[0] as El;
}

function xsiType(el: El): string | undefined {
  return el.attrs['xsi:type'];
}

function overrides(el: El, overrideName: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of kids(el, overrideName)) out[o.attrs.Locale ?? ''] = o.attrs.Value ?? '';
  return out;
}

/** Index of the sequence each child name must follow (add-in only manifest schema, task pane flavour). */
function expectSchemaOrder(el: El, sequence: string[]): void {
  const positions = el.children.map((c) => {
    const i = sequence.indexOf(c.name);
    if (i < 0)
      throw new Error(`<${c.name}> is not an expected child of <${el.name}> (allowed: ${sequence.join(', ')})`);
    return i;
  });
  const sorted = [...positions].sort((a, b) => a - b);
  expect(positions).toEqual(sorted);
}

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(signature) || buf.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZH = 'zh-CN';

// ---------------------------------------------------------------------------------------------------------
// Which manifests to check.

const repoRoot = path.resolve(__dirname, '../..');
const cases: Array<[label: string, manifestPath: string, baseUrl: string, isBuildOutput: boolean]> = [
  ['source manifest', path.resolve(__dirname, '../../manifest.xml'), 'https://localhost:3000', false],
];
const distManifest = path.join(repoRoot, 'dist', 'manifest.xml');
const distBuildInfo = path.join(repoRoot, 'dist', 'build-info.json');
if (fs.existsSync(distManifest) && fs.existsSync(distBuildInfo)) {
  const info = JSON.parse(fs.readFileSync(distBuildInfo, 'utf8')) as { baseUrl?: unknown };
  if (typeof info.baseUrl === 'string' && info.baseUrl.length > 0) {
    cases.push(['production manifest (dist/)', distManifest, info.baseUrl, true]);
  }
}

describe.each(cases)('%s', (_label, manifestPath, rawBaseUrl, isBuildOutput) => {
  const baseUrl = rawBaseUrl.replace(/\/+$/, '');
  const manifestDir = path.dirname(manifestPath);
  const xml = fs.readFileSync(manifestPath, 'utf8');
  const validation = XMLValidator.validate(xml);

  it('is well-formed XML', () => {
    expect(validation).toBe(true);
  });
  if (validation !== true) return; // nothing else can be checked meaningfully

  const { root } = loadManifest(manifestPath);

  const versionOverrides = kid(root, 'VersionOverrides');
  const resources = kid(versionOverrides, 'Resources');
  const images = all(kid(resources, 'bt:Images'), 'bt:Image');
  const urls = all(kid(resources, 'bt:Urls'), 'bt:Url');
  const shortStrings = all(kid(resources, 'bt:ShortStrings'), 'bt:String');
  const longStrings = all(kid(resources, 'bt:LongStrings'), 'bt:String');
  const resourceById = new Map<string, El>();
  for (const r of [...images, ...urls, ...shortStrings, ...longStrings]) resourceById.set(r.attrs.id ?? '', r);

  const urlOf = (resid: string | undefined): string => {
    const u = urls.find((x) => x.attrs.id === resid);
    if (!u) throw new Error(`no bt:Url with id ${resid}`);
    return u.attrs.DefaultValue ?? '';
  };
  const fileFor = (url: string): string => {
    expect(url.startsWith(`${baseUrl}/`)).toBe(true);
    return path.join(manifestDir, ...url.slice(baseUrl.length + 1).split('/'));
  };

  const host = kid(kid(versionOverrides, 'Hosts'), 'Host');
  const desktop = kid(host, 'DesktopFormFactor');

  it('is a task pane add-in for Excel with the basic metadata in schema order', () => {
    expect(xsiType(root)).toBe('TaskPaneApp');
    expect(root.attrs.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(versionOverrides.attrs.xmlns).toBe('http://schemas.microsoft.com/office/taskpaneappversionoverrides');
    expect(xsiType(versionOverrides)).toBe('VersionOverridesV1_0');
    expectSchemaOrder(root, [
      'Id',
      'AlternateId',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'AllowSnapshot',
      'VersionOverrides',
    ]);
    expect(kids(kid(root, 'Hosts'), 'Host').map((h) => h.attrs.Name)).toEqual(['Workbook']);
    expect(kid(root, 'Permissions').text).toBe('ReadWriteDocument');
    expect(kid(root, 'ProviderName').text.length).toBeGreaterThan(0);
    expect(kid(root, 'Version').text).toMatch(/^\d+(\.\d+){0,3}$/);
  });

  it('has a GUID Id, en-US default locale and zh-CN display name / description overrides', () => {
    expect(kid(root, 'Id').text).toMatch(GUID);
    expect(kid(root, 'DefaultLocale').text).toBe('en-US');
    for (const name of ['DisplayName', 'Description']) {
      const el = kid(root, name);
      expect(el.attrs.DefaultValue).toBeTruthy();
      const zh = overrides(el, 'Override')[ZH];
      expect(zh).toBeTruthy();
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(kid(root, 'DisplayName').attrs.DefaultValue!.length).toBeLessThanOrEqual(125);
    expect(kid(root, 'Description').attrs.DefaultValue!.length).toBeLessThanOrEqual(250);
  });

  it('resolves every resid and has unique, short resource ids', () => {
    const ids = [...images, ...urls, ...shortStrings, ...longStrings].map((r) => r.attrs.id ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^\S+$/);
      expect(id.length).toBeLessThanOrEqual(32);
    }
    const residUsers = all(root).filter((e) => e.attrs.resid !== undefined);
    expect(residUsers.length).toBeGreaterThan(10);
    const unresolved = residUsers.filter((e) => !resourceById.has(e.attrs.resid ?? '')).map((e) => e.attrs.resid);
    expect(unresolved).toEqual([]);
  });

  it('keeps resource strings within the schema length limits', () => {
    const lengths = (s: El): number[] =>
      [s.attrs.DefaultValue ?? '', ...Object.values(overrides(s, 'bt:Override'))].map((v) => v.length);
    for (const s of shortStrings) for (const n of lengths(s)) expect(n).toBeLessThanOrEqual(125);
    for (const s of longStrings) for (const n of lengths(s)) expect(n).toBeLessThanOrEqual(250);
  });

  it('localises every resource string to zh-CN', () => {
    const missing = [...shortStrings, ...longStrings]
      .filter((s) => !overrides(s, 'bt:Override')[ZH])
      .map((s) => s.attrs.id);
    expect(missing).toEqual([]);
    for (const s of [...shortStrings, ...longStrings]) expect(s.attrs.DefaultValue).toBeTruthy();
  });

  it(`serves every URL over https from ${baseUrl}`, () => {
    const found: string[] = [];
    const urlElements = new Set([
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'SourceLocation',
      'bt:Image',
      'bt:Url',
    ]);
    for (const e of all(root)) {
      if (urlElements.has(e.name) && e.attrs.DefaultValue !== undefined) {
        found.push(e.attrs.DefaultValue);
        for (const o of [...kids(e, 'Override'), ...kids(e, 'bt:Override')]) found.push(o.attrs.Value ?? '');
      }
      // Catch-all: any attribute value that looks like an absolute URL.
      for (const [k, v] of Object.entries(e.attrs)) {
        if (!k.startsWith('xmlns') && /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) found.push(v);
      }
    }
    expect(found.length).toBeGreaterThan(8);
    // Always `${baseUrl}/…`: the production build rewrites exactly the 'https://localhost:3000/' prefix.
    const bad = found.filter((u) => !u.startsWith('https://') || !u.startsWith(`${baseUrl}/`));
    expect(bad).toEqual([]);
  });

  if (isBuildOutput) {
    it('has a built file behind every resource URL', () => {
      const pageUrls = [
        kid(kid(root, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue ?? '',
        ...[...urls, ...images].flatMap((r) => [
          r.attrs.DefaultValue ?? '',
          ...Object.values(overrides(r, 'bt:Override')),
        ]),
      ];
      const missing = pageUrls
        .map((u) => u.replace(/[?#].*$/, ''))
        .filter((u) => !u.endsWith('/'))
        .filter((u) => !fs.existsSync(fileFor(u)));
      expect(missing).toEqual([]);
    });
  }

  it('points every icon URL at a PNG of the right size', () => {
    // [where it is used, URL, required square size]; IconUrl is 32 px and HighResolutionIconUrl 64 px for
    // task pane add-ins; a bt:Image's size is in its id (Icon.NNxNN) and must match every Icon list using it.
    const expected: Array<[string, string, number]> = [
      ['IconUrl', kid(root, 'IconUrl').attrs.DefaultValue ?? '', 32],
      ['HighResolutionIconUrl', kid(root, 'HighResolutionIconUrl').attrs.DefaultValue ?? '', 64],
    ];
    for (const img of images) {
      const m = /(\d+)x(\d+)/.exec(img.attrs.id ?? '');
      expect(m).not.toBeNull();
      expect(m![1]).toBe(m![2]);
      expected.push([`bt:Image ${img.attrs.id}`, img.attrs.DefaultValue ?? '', Number(m![1])]);
    }
    for (const use of all(versionOverrides, 'bt:Image').filter((e) => e.attrs.resid !== undefined)) {
      const img = images.find((i) => i.attrs.id === use.attrs.resid);
      expect(img).toBeDefined();
      expected.push([`Icon list entry ${use.attrs.resid}`, img!.attrs.DefaultValue ?? '', Number(use.attrs.size)]);
    }
    const actual = expected.map(([where, url]) => {
      const file = fileFor(url);
      if (!fs.existsSync(file)) return [where, url, `missing ${path.relative(repoRoot, file)}`];
      const { width, height } = pngSize(file);
      return [where, url, width === height ? width : `${width}x${height}`];
    });
    expect(actual).toEqual(expected);
  });

  it('wires the custom functions (script, shared page, localised metadata, namespace KPI)', () => {
    expectSchemaOrder(host, ['Runtimes', 'AllFormFactors', 'DesktopFormFactor']);
    const cf = kid(host, 'AllFormFactors').children.filter(
      (e) => e.name === 'ExtensionPoint' && xsiType(e) === 'CustomFunctions',
    );
    expect(cf).toHaveLength(1);
    const ep = cf[0] as El;
    expectSchemaOrder(ep, ['Script', 'Page', 'Metadata', 'Namespace']);

    expect(urlOf(kid(kid(ep, 'Script'), 'SourceLocation').attrs.resid)).toMatch(/\/functions\.js$/);
    expect(urlOf(kid(kid(ep, 'Page'), 'SourceLocation').attrs.resid)).toMatch(/\/taskpane\.html$/);

    const metadataResid = kid(kid(ep, 'Metadata'), 'SourceLocation').attrs.resid;
    expect(urlOf(metadataResid)).toMatch(/\/functions\.json$/);
    const metadataUrl = urls.find((u) => u.attrs.id === metadataResid)!;
    expect(overrides(metadataUrl, 'bt:Override')[ZH]).toMatch(/\/functions\.zh-cn\.json$/);

    const ns = shortStrings.find((s) => s.attrs.id === kid(ep, 'Namespace').attrs.resid);
    expect(ns).toBeDefined();
    expect(ns!.attrs.DefaultValue).toBe('KPI');
    // The function namespace is part of every formula: it must not change with the UI language.
    for (const v of Object.values(overrides(ns!, 'bt:Override'))) expect(v).toBe('KPI');
  });

  it('runs everything in one long-lived shared runtime (SharedRuntime 1.1), on ExcelApi 1.9 or later', () => {
    const baseSets = kid(kid(root, 'Requirements'), 'Sets');
    // Every host with the shared runtime has ExcelApi 1.9 (change events, getRanges, page layout, all used by the
    // adapter): saying so keeps the add-in off hosts where it could only half work.
    expect(kids(baseSets, 'Set').map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([
      ['SharedRuntime', '1.1'],
      ['ExcelApi', '1.9'],
    ]);
    // Enhancements above it (merged areas, ExcelApi 1.13; triggerSource, 1.14) are used only where the host has them.
    const highest = Math.max(
      ...Object.entries(FEATURE_REQUIREMENTS)
        .filter(([f]) => !(ENHANCEMENTS as readonly string[]).includes(f))
        .map(([, v]) => Number(v.split('.')[1])),
    );
    expect(`1.${highest}`).toBe('1.9');
    const voSets = kids(kid(versionOverrides, 'Requirements'), 'bt:Sets').flatMap((s) => kids(s, 'bt:Set'));
    expect(voSets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toContainEqual(['SharedRuntime', '1.1']);
    expectSchemaOrder(versionOverrides, [
      'Description',
      'Requirements',
      'Hosts',
      'Resources',
      'WebApplicationInfo',
      'EquivalentAddins',
      'VersionOverrides',
    ]);

    const runtimes = kids(kid(host, 'Runtimes'), 'Runtime');
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0] as El;
    expect(runtime.attrs.lifetime).toBe('long');
    const shared = runtime.attrs.resid;
    expect(shared).toBeTruthy();

    const cf = all(host, 'ExtensionPoint').find((e) => xsiType(e) === 'CustomFunctions')!;
    expect(kid(kid(cf, 'Page'), 'SourceLocation').attrs.resid).toBe(shared);
    expect(kid(desktop, 'FunctionFile').attrs.resid).toBe(shared);
    for (const a of all(desktop, 'Action').filter((x) => xsiType(x) === 'ShowTaskpane')) {
      expect(kid(a, 'SourceLocation').attrs.resid).toBe(shared);
    }
    // The default task pane page is the same page the shared runtime loads.
    expect(kid(kid(root, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue).toBe(urlOf(shared));
  });

  it('adds a Home-tab ribbon group with an Open-pane and a Consolidate button', () => {
    expectSchemaOrder(desktop, ['GetStarted', 'FunctionFile', 'ExtensionPoint']);
    const getStarted = kid(desktop, 'GetStarted');
    expectSchemaOrder(getStarted, ['Title', 'Description', 'LearnMoreUrl']);
    for (const n of ['Title', 'Description', 'LearnMoreUrl']) expect(kid(getStarted, n).attrs.resid).toBeTruthy();

    const surfaces = kids(desktop, 'ExtensionPoint').filter((e) => xsiType(e) === 'PrimaryCommandSurface');
    expect(surfaces).toHaveLength(1);
    const tab = kid(surfaces[0], 'OfficeTab');
    expect(tab.attrs.id).toBe('TabHome');
    const group = kid(tab, 'Group');
    expect(group.attrs.id).toBe('KpiGroup');
    expectSchemaOrder(group, ['Label', 'Icon', 'Control']);
    expect(kids(kid(group, 'Icon'), 'bt:Image').map((i) => i.attrs.size)).toEqual(['16', '32', '80']);

    const controls = kids(group, 'Control');
    expect(controls.map((c) => c.attrs.id)).toEqual(['KpiOpenPane', 'KpiConsolidate']);
    for (const c of controls) {
      expect(xsiType(c)).toBe('Button');
      expectSchemaOrder(c, ['Label', 'Supertip', 'Icon', 'Action']);
      const tip = kid(c, 'Supertip');
      expect(kid(tip, 'Title').attrs.resid).toBeTruthy();
      expect(kid(tip, 'Description').attrs.resid).toBeTruthy();
      expect(kids(kid(c, 'Icon'), 'bt:Image').map((i) => i.attrs.size)).toEqual(['16', '32', '80']);
    }
    const [open, consolidate] = controls as [El, El];
    const openAction = kid(open, 'Action');
    expect(xsiType(openAction)).toBe('ShowTaskpane');
    expectSchemaOrder(openAction, ['TaskpaneId', 'SourceLocation', 'Title']);
    expect(kid(openAction, 'TaskpaneId').text).toBe('ButtonId1');
    const consolidateAction = kid(consolidate, 'Action');
    expect(xsiType(consolidateAction)).toBe('ExecuteFunction');
    expect(kid(consolidateAction, 'FunctionName').text).toBe('consolidate');

    const label = (c: El): El => resourceById.get(kid(c, 'Label').attrs.resid ?? '')!;
    expect(label(open).attrs.DefaultValue).toBe('Open pane');
    expect(overrides(label(open), 'bt:Override')[ZH]).toBe('打开面板');
    expect(label(consolidate).attrs.DefaultValue).toBe('Consolidate');
    expect(overrides(label(consolidate), 'bt:Override')[ZH]).toBe('一键汇总');
    const groupLabel = resourceById.get(kid(group, 'Label').attrs.resid ?? '')!;
    expect(groupLabel.attrs.DefaultValue).toBe('Campaign KPIs');
    expect(overrides(groupLabel, 'bt:Override')[ZH]).toBe('五大攻坚战');
  });
});
