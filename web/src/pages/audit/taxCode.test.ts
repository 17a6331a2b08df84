import { describe, expect, it } from 'vitest';
import { checkDigit, makeTaxCode, parseTaxCode } from './taxCode';

describe('tax codes', () => {
  it('accepts the demo enterprises and canonicalises branches', () => {
    for (const c of ['0100109106', '0300588569', '0200519875', '0301447426', '0101248141'])
      expect(parseTaxCode(c)).toEqual({ code: c });
    expect(parseTaxCode('0100 109.106 001')).toEqual({ code: '0100109106-001' });
    expect(parseTaxCode('079123456789')).toEqual({ code: '079123456789' });
  });
  it('names the problem', () => {
    expect(parseTaxCode('')).toEqual({ problem: 'EMPTY' });
    expect(parseTaxCode('01001091O6')).toEqual({ problem: 'CHARACTERS' });
    expect(parseTaxCode('010010910')).toEqual({ problem: 'LENGTH' });
    expect(parseTaxCode('0100109107')).toEqual({ problem: 'CHECK_DIGIT' });
    expect(parseTaxCode('0100109106-000')).toEqual({ problem: 'BRANCH_SUFFIX' });
    expect(parseTaxCode('0100000000')).toEqual({ problem: 'ZEROS' });
  });
  it('r = 10 gives 0, r = 0 has no valid code', () => {
    expect(checkDigit('000000001')).toBe(7); // 3 mod 11 = 3 → 7
    const made = makeTaxCode(123456789);
    expect(parseTaxCode(made)).toEqual({ code: made });
  });
});
