import { EMPTY_NOTICES, MAX_NOTICES, noticesReducer, type NoticeInput } from '../../src/taskpane/notices';

const n = (message: string): NoticeInput => ({ intent: 'error', title: 'T', message });

describe('noticesReducer', () => {
  test('adds with increasing ids and dismisses by id', () => {
    let s = noticesReducer(EMPTY_NOTICES, { type: 'add', notice: n('a') });
    s = noticesReducer(s, { type: 'add', notice: n('b') });
    expect(s.notices.map((x) => [x.id, x.message])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    s = noticesReducer(s, { type: 'dismiss', id: 1 });
    expect(s.notices.map((x) => x.message)).toEqual(['b']);
    s = noticesReducer(s, { type: 'add', notice: n('c') });
    expect(s.notices.map((x) => x.id)).toEqual([2, 3]);
  });

  test(`keeps the newest ${MAX_NOTICES}`, () => {
    let s = EMPTY_NOTICES;
    for (const m of ['a', 'b', 'c', 'd', 'e']) s = noticesReducer(s, { type: 'add', notice: n(m) });
    expect(s.notices.map((x) => x.message)).toEqual(['c', 'd', 'e']);
  });

  test('dismissing an unknown id changes nothing', () => {
    const s = noticesReducer(EMPTY_NOTICES, { type: 'add', notice: n('a') });
    expect(noticesReducer(s, { type: 'dismiss', id: 99 }).notices).toEqual(s.notices);
  });
});
