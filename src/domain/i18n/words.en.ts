import type { WordMessageKey } from './words.zh';

/** Words other messages and the sheets use: input fields, lights, tiers, severities, kinds (by their ids). English. */
export const WORDS_EN: Readonly<Record<WordMessageKey, string>> = {
  'field.actual': 'Year-to-date actual',
  'field.prior': 'Prior-year value',
  'field.reason': 'Reason and next steps',
  'field.period': 'Report period',
  'light.0': 'Not reported',
  'light.1': 'Red',
  'light.2': 'Yellow',
  'light.3': 'Green',
  'tier.0': 'Below target',
  'tier.1': 'Target reached',
  'tier.2': 'Stretch reached',
  'severity.error': 'Error',
  'severity.warning': 'Warning',
  'kind.total': 'total',
  'kind.count': 'count',
  'kind.level': 'level',
  'kind.growth': 'growth',
  'kind.share': 'share',
  'kind.floor': 'floor',
  'kind.rank': 'rank',
  'kind.milestone': 'milestone',
};
