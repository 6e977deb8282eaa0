import fs from 'fs';
import path from 'path';
import vm from 'vm';
import { buildProduction } from '../build/build';

/**
 * The generated custom-function metadata (golden file, as Script Lab does), its zh-CN translation, and the
 * standalone functions chunk loaded in a bare JavaScript context with only a stub `CustomFunctions`.
 */
jest.setTimeout(120_000);

let out = '';
beforeAll(async () => {
  out = await buildProduction(['functions']);
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const read = (name: string) => JSON.parse(fs.readFileSync(path.join(out, name), 'utf8'));
const GOLDEN = path.join(__dirname, 'golden', 'functions.json');

describe('functions.json', () => {
  it('matches the golden file (update it deliberately when a function signature changes)', () => {
    const generated = read('functions.json');
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, JSON.stringify(generated, null, 2) + '\n');
    expect(generated).toEqual(JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
  });

  it('lists the six functions with stable ids equal to their English names', () => {
    const { functions } = read('functions.json');
    expect(functions.map((f: { id: string; name: string }) => [f.id, f.name])).toEqual(
      ['ATTAINMENT', 'TIER', 'PACE', 'STATUS', 'GROWTH', 'GAP'].map((n) => [n, n]),
    );
  });

  it('declares the functions pure: not volatile, not streaming, no invocation', () => {
    for (const f of read('functions.json').functions) {
      expect(f.options ?? {}).not.toHaveProperty('volatile', true);
      expect(f.options ?? {}).not.toHaveProperty('stream', true);
      expect(f.options ?? {}).not.toHaveProperty('requiresAddress', true);
    }
  });
});

describe('functions.zh-cn.json', () => {
  it('keeps ids and names English and translates every description and parameter', () => {
    const en = read('functions.json');
    const zh = read('functions.zh-cn.json');
    expect(zh.functions).toHaveLength(en.functions.length);
    en.functions.forEach(
      (f: { id: string; name: string; parameters: { type: string; optional?: boolean }[] }, i: number) => {
        const z = zh.functions[i];
        expect([z.id, z.name]).toEqual([f.id, f.name]);
        expect(z.description).toMatch(/[\u4e00-\u9fff]/);
        expect(z.parameters).toHaveLength(f.parameters.length);
        z.parameters.forEach(
          (p: { name: string; description: string; type: string; optional?: boolean }, j: number) => {
            expect(p.name).toMatch(/[\u4e00-\u9fff]/);
            expect(p.description).toMatch(/[\u4e00-\u9fff]/);
            expect([p.type, p.optional]).toEqual([f.parameters[j]?.type, f.parameters[j]?.optional]);
          },
        );
      },
    );
  });

  it('fails the build when a translation is missing', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { localizeMetadata } = require('../../webpack.config.js');
    const en = read('functions.json');
    const table = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../src/functions/functions.zh-cn.json'), 'utf8'),
    );
    expect(localizeMetadata(en, table).missing).toEqual([]);
    delete table.functions.GAP.parameters.kind;
    delete table.functions.PACE;
    expect(localizeMetadata(en, table).missing).toEqual(['PACE', 'GAP.kind']);
  });
});

describe('the standalone functions chunk', () => {
  type Fn = (...args: unknown[]) => unknown;
  class StubError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  function load(): Map<string, Fn> {
    const registered = new Map<string, Fn>();
    const CustomFunctions = {
      associate: (id: string, fn: Fn) => registered.set(id, fn),
      Error: StubError,
      ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!' },
    };
    // Only CustomFunctions: no window, no document, no Office.
    vm.runInNewContext(fs.readFileSync(path.join(out, 'functions.js'), 'utf8'), { CustomFunctions });
    return registered;
  }
  const call = (fns: Map<string, Fn>, id: string, ...args: unknown[]) => {
    try {
      return fns.get(id)?.(...args);
    } catch (e) {
      return e;
    }
  };

  it('registers all six functions and computes SPEC values', () => {
    const fns = load();
    expect([...fns.keys()].sort()).toEqual(['ATTAINMENT', 'GAP', 'GROWTH', 'PACE', 'STATUS', 'TIER']);
    expect(call(fns, 'ATTAINMENT', 3.5, 7, null)).toBe(0.5);
    expect(call(fns, 'ATTAINMENT', 0.05, 0.1, '增速')).toBeCloseTo(1.05 / 1.1, 12);
    expect(call(fns, 'ATTAINMENT', 5, 3, 'rank')).toBeCloseTo(0.6, 12);
    expect(call(fns, 'TIER', 8, 7, 8, null)).toBe(2);
    expect(call(fns, 'TIER', 7.2, 7, 8, 'total')).toBe(1);
    expect(call(fns, 'TIER', 1150, 2000, null, 'total', 0.5)).toBe(1); // 序时达确保 (SPEC §4)
    expect(call(fns, 'TIER', 1150, 2000, null, 'total', null)).toBe(0);
    expect(call(fns, 'PACE', '2019-06', null)).toBe(0.5);
    expect(call(fns, 'PACE', 43646, 'day')).toBeCloseTo(181 / 365, 12);
    expect(call(fns, 'STATUS', 3.2, 7, 'total', 0.5)).toBe(2);
    expect(call(fns, 'STATUS', null, 7, null, null)).toBe(0);
    expect(call(fns, 'GROWTH', 110, 100)).toBeCloseTo(0.1, 12);
    expect(call(fns, 'GAP', 5, 7, null)).toBe(2);
  });

  it('throws CustomFunctions.Error with the right codes and Chinese messages', () => {
    const fns = load();
    expect(call(fns, 'ATTAINMENT', null, 7, null)).toEqual(new StubError('#N/A', '未填报'));
    expect(call(fns, 'ATTAINMENT', 1, 0, null)).toEqual(new StubError('#DIV/0!', undefined));
    expect(call(fns, 'ATTAINMENT', 0.5, 3, 'rank')).toEqual(new StubError('#NUM!', undefined));
    const v = call(fns, 'ATTAINMENT', '7亿', 7, null) as StubError;
    expect(v.code).toBe('#VALUE!');
    expect(v.message).toContain('actual');
    expect((call(fns, 'ATTAINMENT', 1, 7, 'bogus') as StubError).message).toContain('kind');
    expect(call(fns, 'GROWTH', 1, 0)).toEqual(new StubError('#NUM!', undefined));
  });
});
