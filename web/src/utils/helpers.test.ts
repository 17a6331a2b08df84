import { describe, expect, it } from 'vitest';
import type { Unit } from '../api/types';
import { ancestorsOf, buildUnitTree, filterUnits, fold, subtreeCodes } from './tree';
import { classifyDay, groupHolidays, monthGrid, periodProblems, weekday } from './calendar';
import { passwordProblems } from './password';
import { buildQuery } from '../api/client';

const u = (code: string, parent_code: string | null): Unit => ({
  code, name: `Đơn vị ${code}`, level: 'CUC', parent_code, valid_from: null, valid_to: null, active: true,
});
const units = [u('02', null), u('02CI', '02'), u('02CI01', '02CI'), u('02B1', '02')];

describe('unit tree', () => {
  it('builds a forest whose roots are units without a visible parent', () => {
    const t = buildUnitTree(units);
    expect(t.map((n) => n.unit.code)).toEqual(['02']);
    expect(t[0].children.map((n) => n.unit.code)).toEqual(['02CI', '02B1']);
  });
  it('finds subtrees and ancestors', () => {
    expect([...subtreeCodes(units, '02CI')].sort()).toEqual(['02CI', '02CI01']);
    expect(ancestorsOf(units, '02CI01')).toEqual(['02', '02CI', '02CI01']);
  });
  it('filters without diacritics, keeping ancestors', () => {
    expect(fold('Hồ Chí Minh Đội')).toBe('ho chi minh doi');
    expect([...filterUnits(units, 'don vi 02ci01')].sort()).toEqual(['02', '02CI', '02CI01']);
  });
});

describe('calendar helpers', () => {
  it('knows weekdays and month grids (Monday first)', () => {
    expect(weekday('2026-02-17')).toBe(2);
    const g = monthGrid(2026, 2);
    expect(g[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(g.flat().filter(Boolean)).toHaveLength(28);
  });
  it('classifies days', () => {
    expect(classifyDay({ date: '2026-02-17', working: false, holiday: 'Tết Nguyên đán' })).toBe('holiday');
    expect(classifyDay({ date: '2026-02-21', working: true, holiday: null })).toBe('makeup');
    expect(classifyDay({ date: '2026-02-22', working: false, holiday: null })).toBe('weekend');
    expect(classifyDay({ date: '2026-02-23', working: false, holiday: 'Nghỉ bù' }, [{ id: 1, date: '2026-02-23', working: false, name: 'Nghỉ bù' }])).toBe('off');
    expect(classifyDay({ date: '2026-02-24', working: true, holiday: null })).toBe('working');
  });
  it('groups consecutive holidays', () => {
    const days = ['16', '17', '18'].map((d) => ({ date: `2026-02-${d}`, name: 'Tết Nguyên đán' }));
    expect(groupHolidays([{ date: '2026-01-01', name: 'Tết Dương lịch' }, ...days])).toEqual([
      { name: 'Tết Dương lịch', from: '2026-01-01', to: '2026-01-01', days: 1 },
      { name: 'Tết Nguyên đán', from: '2026-02-16', to: '2026-02-18', days: 3 },
    ]);
  });
  it('checks working periods', () => {
    expect(periodProblems([{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }])).toEqual([]);
    expect(periodProblems([{ start: '11:30', end: '07:30' }])).toEqual(['order']);
    expect(periodProblems([{ start: '07:30', end: '12:00' }, { start: '11:00', end: '17:00' }])).toEqual(['overlap']);
  });
});

describe('password guidance', () => {
  it('lists the problems of a new password', () => {
    expect(passwordProblems('short', 'nam')).toEqual(['tooShort']);
    expect(passwordProblems('xx02ci.canbo99', '02ci.canbo')).toEqual(['containsUsername']);
    expect(passwordProblems('1234567890', 'nam')).toEqual(['common']);
    expect(passwordProblems('Hq-2026-Xanh!', 'nam', 'Hq-2026-Xanh!')).toEqual(['same']);
    expect(passwordProblems('Hq-2026-Xanh!', 'nam', 'old')).toEqual([]);
  });
});

describe('buildQuery', () => {
  it('drops empty values and encodes the rest (":" and "+" included)', () => {
    expect(buildQuery({ page: 1, q: '', unit: undefined, from: '2026-02-13T10:00:00+07:00' })).toBe(
      '?page=1&from=2026-02-13T10%3A00%3A00%2B07%3A00',
    );
    expect(buildQuery({})).toBe('');
  });
});
