import * as fs from 'fs';
import * as path from 'path';
import { planSchema, type Indicator, type Plan } from '../../src/domain/plan/schema';
import { pacedByDefault, type Kind } from '../../src/domain/calc/kinds';
import raw from '../../src/domain/plan/plan-2019.json';
import { builtinPlan } from '../../src/domain/plan/builtin';

/** Parses the built-in plan; on failure the zod issues are printed so the broken field is obvious. */
function parsePlan(): Plan {
  const result = planSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`plan-2019.json does not match planSchema:\n${JSON.stringify(result.error.issues, null, 2)}`);
  }
  return result.data;
}

const plan = parsePlan();
const indicators: Indicator[] = plan.campaigns.flatMap((c) => c.indicators);

function indicator(code: string): Indicator {
  const found = indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code} in plan-2019.json`);
  return found;
}

/** A figure with a unit as the plan document writes it: "7亿美元", "10%", "1个百分点", "35万元/亩". */
const FIGURE = /(\d+(?:\.\d+)?)\s*(亿美元|亿元|万元|元\/平方米|个百分点|%|％|亩|家|个)/gu;

interface Figure {
  text: string;
  value: number;
  start: number;
  end: number;
}

/** Every figure of a text, percentages converted to fractions (10% → 0.1), percentage points kept as points (SPEC §3). */
function figures(text: string): Figure[] {
  return [...text.matchAll(FIGURE)].map((m) => {
    const number = Number(m[1]);
    const unit = m[2];
    const value = unit === '%' || unit === '％' ? number / 100 : number;
    return { text: m[0].replace(/\s+/gu, ''), value, start: m.index, end: m.index + m[0].length };
  });
}

function sameNumber(a: number | undefined, b: number): boolean {
  return a !== undefined && Math.abs(a - b) < 1e-9;
}

/** The plan document, kept in the repository as a test fixture (test/fixtures/plan/README.md says where from). */
const DOC_PATH = path.resolve(__dirname, '../fixtures/plan/five-campaigns-2019.zh.txt');
const doc = fs.readFileSync(DOC_PATH, 'utf8');

/** Section 三、工作任务 of the plan document: the five campaigns, up to 四、工作要求. */
function sectionThree(text: string): string {
  const start = text.indexOf('三、工作任务');
  const end = text.indexOf('四、工作要求');
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
}

describe('built-in 2019 plan (plan-2019.json)', () => {
  it('matches planSchema, and is what the add-in uses unparsed (the schema changes nothing: trimmed, no defaults)', () => {
    expect(() => parsePlan()).not.toThrow();
    expect(builtinPlan()).toEqual(plan);
    expect(plan.id).toBe('five-campaigns-2019');
    expect(plan.year).toBe(2019);
    expect(plan.title).toBe('关于打赢“五大攻坚战”的总体方案');
    expect(plan.organisation).toBe('嘉兴经济技术开发区');
    expect(plan.thresholds).toEqual({ yellowBand: 0.1, growthYellowBand: 0.02 });
  });

  it('has the five campaigns with their 指挥长, 副指挥长 and 牵头部门', () => {
    expect(
      plan.campaigns.map(({ id, number, name, commander, deputyCommander, leadDepartment }) => ({
        id,
        number,
        name,
        commander,
        deputyCommander,
        leadDepartment,
      })),
    ).toEqual([
      {
        id: 'C1',
        number: 1,
        name: '招大引强',
        commander: '张善根',
        deputyCommander: '李晓娉',
        leadDepartment: '投资促进中心',
      },
      {
        id: 'C2',
        number: 2,
        name: '转型升级',
        commander: '周志祥',
        deputyCommander: '姜卫东',
        leadDepartment: '经信商务局',
      },
      {
        id: 'C3',
        number: 3,
        name: '项目建设',
        commander: '姜卫东',
        deputyCommander: '张志华',
        leadDepartment: '发展改革局',
      },
      {
        id: 'C4',
        number: 4,
        name: '城市提质',
        commander: '包军',
        deputyCommander: '陈骏',
        leadDepartment: '建设交通局',
      },
      {
        id: 'C5',
        number: 5,
        name: '民生改善',
        commander: '葛其林',
        deputyCommander: '朱甫荣',
        leadDepartment: '社会发展局',
      },
    ]);
    for (const c of plan.campaigns) {
      expect(c.nameEn).toBeTruthy();
      for (const person of [c.commander, c.deputyCommander, c.leadDepartment]) expect(person).not.toMatch(/\s/u);
    }
  });

  it('numbers indicator codes uniquely, in ASCII, per campaign and in document order', () => {
    const codes = indicators.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[\x21-\x7e]+$/u);
    for (const c of plan.campaigns) {
      expect(c.indicators.map((i) => i.code)).toEqual(
        c.indicators.map((_, n) => `${c.id}-${String(n + 1).padStart(2, '0')}`),
      );
    }
  });

  it('gives every indicator the lead department, an English name and the pacing and aggregation of its kind', () => {
    const aggregationOf: Record<Kind, Indicator['aggregation']> = {
      total: 'sum',
      count: 'sum',
      growth: 'growth',
      level: 'single',
      share: 'single',
      floor: 'single',
      rank: 'single',
      milestone: 'single',
    };
    for (const c of plan.campaigns) {
      for (const ind of c.indicators) {
        expect({ code: ind.code, department: ind.department }).toEqual({
          code: ind.code,
          department: c.leadDepartment,
        });
        expect({ code: ind.code, paced: ind.paced }).toEqual({ code: ind.code, paced: pacedByDefault(ind.kind) });
        expect({ code: ind.code, aggregation: ind.aggregation }).toEqual({
          code: ind.code,
          aggregation: aggregationOf[ind.kind],
        });
        expect(ind.nameEn).toBeTruthy();
      }
    }
  });

  // Every quantitative figure of section 三: code → name, kind, unit, 确保 target, 力争/冲刺 stretch.
  // Stretch-only items (力争… with no 确保 figure) have no target.
  const FIGURES: Array<[string, string, Kind, string, number | undefined, number | undefined]> = [
    ['C1-01', '合同利用外资', 'total', '亿美元', 7, 8],
    ['C1-02', '实际到位外资', 'total', '亿美元', 5, 6],
    ['C1-03', '引进市外内资', 'total', '亿元', 60, 70],
    ['C1-04', '1亿美元以上', 'count', '个', 2, undefined],
    ['C1-05', '5亿美元以上', 'count', '个', undefined, 1],
    ['C1-06', '30亿元以上', 'count', '个', 1, undefined],
    ['C1-07', '50亿元以上', 'count', '个', undefined, 1],
    ['C1-08', '500强', 'count', '个', undefined, 10],
    ['C2-01', '腾退回收低效用地', 'total', '亩', 2000, undefined],
    ['C2-02', '低效企业', 'count', '家', 30, undefined],
    ['C2-03', '亩均税收', 'level', '万元/亩', 35, undefined],
    ['C2-04', '亩均税收', 'rank', '位次', 3, undefined],
    ['C2-05', '亩均增加值', 'rank', '位次', 3, undefined],
    ['C2-06', '规上工业企业数量', 'level', '家', 200, 210],
    ['C2-07', '规上工业产值', 'total', '亿元', 480, 500],
    ['C2-08', '5亿元以上企业', 'level', '家', 30, undefined],
    ['C2-09', '数字经济', 'growth', '%', 0.1, undefined],
    ['C2-10', '高新技术企业', 'count', '家', 15, undefined],
    ['C2-11', '科技型中小企业', 'count', '家', 50, undefined],
    ['C2-12', '服务业增加值占GDP比重', 'share', '个百分点', 1, undefined],
    ['C2-13', '楼宇税收', 'growth', '%', 0.15, undefined],
    ['C2-14', '楼宇单位面积税收', 'level', '元/平方米', 1800, undefined],
    ['C3-01', '委领导工程', 'count', '个', 5, undefined],
    ['C3-02', '开工率', 'floor', '%', 0.5, undefined],
    ['C3-04', '固定资产投资', 'growth', '%', 0.1, undefined],
    ['C3-05', '四大', 'growth', '%', 0.15, undefined],
    ['C3-06', '重大项目年度计划投资', 'total', '亿元', 200, undefined],
    ['C3-07', '开工建设', 'count', '个', 28, undefined],
    ['C3-08', '进度提速', 'count', '个', 35, undefined],
    ['C3-09', '竣工投产', 'count', '个', 37, undefined],
    ['C3-10', '存量空间企业二期项目', 'count', '家', undefined, 2],
  ];

  it.each(FIGURES)('%s %s: %s in %s, target %p, stretch %p', (code, name, kind, unit, target, stretch) => {
    const ind = indicator(code);
    expect(ind.name).toContain(name);
    expect({ kind: ind.kind, unit: ind.unit, target: ind.target, stretch: ind.stretch }).toEqual({
      kind,
      unit,
      target,
      stretch,
    });
  });

  it('lists every indicator that has a figure in the table above', () => {
    const quantitative = indicators.filter((i) => i.target !== undefined || i.stretch !== undefined).map((i) => i.code);
    expect(quantitative).toEqual(FIGURES.map(([code]) => code));
  });

  it('keeps stretch-only items without a 确保 target', () => {
    const stretchOnly = indicators.filter((i) => i.target === undefined && i.stretch !== undefined).map((i) => i.code);
    expect(stretchOnly).toEqual(['C1-05', 'C1-07', 'C1-08', 'C3-10']);
    for (const code of stretchOnly) expect(indicator(code).wording).toMatch(/^力争/u);
  });

  it('notes how 保持全市前列 was read as a rank', () => {
    for (const code of ['C2-04', 'C2-05']) {
      expect(indicator(code).note).toBe('原文为「保持全市前列」，按前3位计，可在指标库中调整');
      expect(indicator(code).wording).toContain('保持全市前列');
    }
  });

  it('models 总投资20亿元以上项目有新的突破 (no figure) as a milestone with a note', () => {
    const ind = indicator('C3-03');
    expect(ind.kind).toBe('milestone');
    expect(ind.target).toBeUndefined();
    expect(ind.stretch).toBeUndefined();
    expect(ind.wording).toBe('力争在总投资20亿元以上项目有新的突破');
    expect(ind.note).toBeTruthy();
  });

  it('has the 28 + 35 + 37 major projects add up to the 100 major projects', () => {
    const sum = ['C3-07', 'C3-08', 'C3-09'].reduce((s, code) => s + (indicator(code).target ?? 0), 0);
    expect(sum).toBe(100);
    expect(indicator('C3-06').wording).toContain('100个重大项目');
  });

  it.each([
    [
      'C4',
      [
        '城市形象新突破',
        '城市规划提升行动',
        '绿城花海建设行动',
        '城市夜景亮化行动',
        '平台能级新突破',
        '城市交通畅行行动',
        '产业配套完善行动',
        '服务民生提升行动',
        '城市管理新突破',
        '环境卫生整治行动',
        '城市秩序管理行动',
        '智慧城市创新行动',
      ],
    ],
    [
      'C5',
      [
        '教育教学新突破',
        '生态人居环境新突破',
        '社会治理新突破',
        '医疗卫生再提升',
        '百姓满意率再提升',
        '社会保障再提升',
      ],
    ],
  ])('campaign %s has only qualitative milestones', (id, names) => {
    const campaign = plan.campaigns.find((c) => c.id === id);
    expect(campaign?.indicators.map((i) => i.name)).toEqual(names);
    for (const ind of campaign?.indicators ?? []) {
      expect(ind).toMatchObject({ kind: 'milestone', unit: '%', paced: true, aggregation: 'single' });
      expect(ind.target).toBeUndefined();
      expect(ind.stretch).toBeUndefined();
      // The wording names the milestone (an action by its full name, a breakthrough by its field).
      expect(ind.wording).toContain(ind.name.replace(/(新突破|再提升)$/u, ''));
    }
  });

  it('takes every target and stretch figure from its own wording', () => {
    for (const ind of indicators) {
      // A rank has no figure in the text (保持全市前列): its reading is explained in the note.
      if (ind.kind === 'rank') continue;
      const inWording = figures(ind.wording);
      for (const value of [ind.target, ind.stretch]) {
        if (value === undefined) continue;
        expect({ code: ind.code, value, found: inWording.some((f) => sameNumber(value, f.value)) }).toEqual({
          code: ind.code,
          value,
          found: true,
        });
      }
    }
  });

  it('quotes every wording verbatim from the plan document', () => {
    for (const ind of indicators) {
      expect({ code: ind.code, quoted: doc.includes(ind.wording) }).toEqual({ code: ind.code, quoted: true });
    }
  });

  /**
   * Figures in section 三 that are neither a target nor a stretch target, with why. Other non-target numbers of the
   * document are never matched by FIGURE, so they need no entry: the "3＋3" platform and the "3+1" mode (no unit after
   * the digit), "五个一" and "一年一个样、三年大变样" (Chinese numerals), 2019年 (a year), and 40周年 / 70周年 (outside
   * section 三).
   */
  const NOT_TARGETS: Readonly<Record<string, string>> = {
    '100个':
      'the 100 major projects are the scope of C3-06 (计划投资200亿元); they are split into 28 + 35 + 37 (C3-07…09)',
  };

  it('has every figure of section 三 as a target or stretch of the indicator quoting it', () => {
    const section = sectionThree(doc);
    const found = figures(section);
    // 42 figures with a unit in section 三 (15 in 招大引强, 15 in 转型升级, 12 in 项目建设); a different count means
    // the document changed: review the plan.
    expect(found).toHaveLength(42);

    // Where each indicator's wording sits in section 三 (a wording may be shared, e.g. 亩均税收、亩均增加值).
    const spans = indicators.flatMap((ind) => {
      const out: Array<{ ind: Indicator; start: number; end: number }> = [];
      for (let at = section.indexOf(ind.wording); at >= 0; at = section.indexOf(ind.wording, at + 1)) {
        out.push({ ind, start: at, end: at + ind.wording.length });
      }
      return out;
    });

    const uncovered: string[] = [];
    const allowListUsed = new Set<string>();
    for (const f of found) {
      if (NOT_TARGETS[f.text] !== undefined) {
        allowListUsed.add(f.text);
        continue;
      }
      const quoting = spans.filter((s) => s.start <= f.start && f.end <= s.end).map((s) => s.ind);
      const covered = quoting.some(
        (ind) =>
          sameNumber(ind.target, f.value) ||
          sameNumber(ind.stretch, f.value) ||
          // A size class that defines the indicator, e.g. 引进1亿美元以上外资项目, 年产值5亿元以上企业.
          ind.name.includes(f.text),
      );
      if (!covered) {
        const context = section.slice(Math.max(0, f.start - 12), f.end + 6).replace(/\s+/gu, ' ');
        uncovered.push(
          `${f.text} (= ${f.value}) in «${context}» [quoted by: ${quoting.map((i) => i.code).join(', ') || 'none'}]`,
        );
      }
    }
    expect(uncovered).toEqual([]);
    // The allow-list must not rot: every entry is still needed.
    expect([...allowListUsed].sort()).toEqual(Object.keys(NOT_TARGETS).sort());
  });
});

describe('planSchema rejects a broken plan', () => {
  function clone(): typeof raw {
    return structuredClone(raw);
  }

  function issues(candidate: unknown): Array<{ path: PropertyKey[]; message: string }> {
    const result = planSchema.safeParse(candidate);
    return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
  }

  it('rejects a duplicated indicator code', () => {
    const broken = clone();
    broken.campaigns[0]!.indicators[1]!.code = 'C1-01';
    expect(issues(broken)).toContainEqual({
      path: ['campaigns', 0, 'indicators', 1, 'code'],
      message: 'duplicate indicator code C1-01',
    });
  });

  it('rejects a stretch target below the 确保 target', () => {
    const broken = clone();
    broken.campaigns[0]!.indicators[0]!.stretch = 6; // 确保 7亿美元
    expect(issues(broken)).toContainEqual({
      path: ['campaigns', 0, 'indicators', 0, 'stretch'],
      message: 'the stretch target must be at least as ambitious as the target',
    });
  });

  it('rejects a rank stretch worse than its target and a fractional count', () => {
    const broken = clone();
    const c2 = broken.campaigns[1]!;
    Object.assign(c2.indicators[3]!, { stretch: 4 }); // rank: 位次 4 is worse than 3
    c2.indicators[9]!.target = 15.5; // 新增国家高新技术企业 (count)
    const messages = issues(broken).map((i) => i.message);
    expect(messages).toContain('the stretch target must be at least as ambitious as the target');
    expect(messages).toContain('a count target must be a whole number');
  });

  it('accepts the unmodified plan', () => {
    expect(issues(clone())).toEqual([]);
  });

  // Issue 12, observations 5b and 5c: the same rule for a plan from any source (built-in, edited JSON, 指标库 sheet).
  const at = (code: string): { campaign: number; indicator: number } => {
    const campaign = raw.campaigns.findIndex((c) => c.indicators.some((i) => i.code === code));
    const indicator = raw.campaigns[campaign]?.indicators.findIndex((i) => i.code === code) ?? -1;
    return { campaign, indicator };
  };
  test.each<[string, string, Record<string, unknown>, string | undefined]>([
    ['rank summed (位次 3 + 4 = 7)', 'C2-04', { aggregation: 'sum' }, 'aggregation'],
    ['milestone summed (60% + 60% = 120%)', 'C3-03', { aggregation: 'sum' }, 'aggregation'],
    ['level summed', 'C2-03', { aggregation: 'sum' }, 'aggregation'],
    ['share summed', 'C2-12', { aggregation: 'sum' }, 'aggregation'],
    ['floor summed', 'C3-02', { aggregation: 'sum' }, 'aggregation'],
    ['growth summed', 'C2-09', { aggregation: 'sum' }, 'aggregation'],
    ['total by growth', 'C1-01', { aggregation: 'growth' }, 'aggregation'],
    ['rank by growth', 'C2-04', { aggregation: 'growth' }, 'aggregation'],
    ['total summed', 'C1-01', { aggregation: 'sum' }, undefined],
    ['count single', 'C1-04', { aggregation: 'single' }, undefined],
    ['growth single', 'C2-09', { aggregation: 'single' }, undefined],
    ['total target 0', 'C1-01', { target: 0, stretch: 8 }, 'target'],
    ['count target 0', 'C2-02', { target: 0 }, 'target'],
    ['level target 0', 'C2-03', { target: 0 }, 'target'],
    ['share target 0', 'C2-12', { target: 0 }, 'target'],
    ['floor target 0', 'C3-02', { target: 0 }, 'target'],
    ['stretch-only count with stretch 0', 'C1-05', { stretch: 0 }, 'stretch'],
    ['negative count target', 'C2-02', { target: -5 }, 'target'],
    ['negative total target', 'C2-01', { target: -2000 }, 'target'],
    ['negative floor target', 'C3-02', { target: -0.5 }, 'target'],
    ['growth target 0% (a target: (1 + g) / 1)', 'C2-09', { target: 0 }, undefined],
    ['negative growth target', 'C2-09', { target: -0.05 }, undefined],
    ['negative share target (a share to lower)', 'C2-12', { target: -1 }, undefined],
  ])('%s', (_label, code, change, path) => {
    const broken = clone();
    const { campaign, indicator } = at(code);
    Object.assign(broken.campaigns[campaign]!.indicators[indicator]!, change);
    const found = issues(broken).map((i) => i.path.join('.'));
    expect(found).toEqual(path ? [`campaigns.${campaign}.indicators.${indicator}.${path}`] : []);
  });
});
