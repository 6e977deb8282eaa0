import { DEFAULT_BULLETIN_SETTINGS, bulletinSettings } from '../../../src/domain/bulletin/settings';

describe('bulletin settings (SPEC §10 defaults, per plan configurable)', () => {
  it('the defaults are the SPEC’s', () => {
    expect(bulletinSettings()).toEqual(DEFAULT_BULLETIN_SETTINGS);
    expect(DEFAULT_BULLETIN_SETTINGS).toEqual({
      escalation: { supervisionAfter: 2, inspectionAfter: 3 },
      scores: { full: 100, stretchBonus: 10, supervisionPenalty: 5, inspectionPenalty: 10, rankDecimals: 2 },
      timeliness: { deadlineDay: 5, utcOffsetMinutes: 480 },
    });
  });

  it('an override changes only what it names', () => {
    const s = bulletinSettings({ escalation: { inspectionAfter: 4 }, timeliness: { deadlineDay: 10 } });
    expect(s.escalation).toEqual({ supervisionAfter: 2, inspectionAfter: 4 });
    expect(s.timeliness.deadlineDay).toBe(10);
    expect(s.scores).toEqual(DEFAULT_BULLETIN_SETTINGS.scores);
  });

  it.each([
    [{ escalation: { supervisionAfter: 0 } }],
    [{ escalation: { inspectionAfter: 2.5 } }],
    [{ scores: { stretchBonus: -1 } }],
    [{ scores: { full: Number.NaN } }],
    [{ timeliness: { deadlineDay: 32 } }],
  ])('out of range is programmer misuse: %j', (input) => {
    expect(() => bulletinSettings(input)).toThrow(RangeError);
  });
});
