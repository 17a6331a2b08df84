import { describe, expect, it } from 'vitest';
import { enumKey, translate } from './translate';

describe('enumKey', () => {
  it('builds the key of an enum value, checked by type', () => {
    expect(enumKey('accounts.status', 'LOCKED')).toBe('accounts.status.LOCKED');
    expect(enumKey('weekday', 0)).toBe('weekday.0');
    expect(translate('vi', enumKey('level', 'CHI_CUC'))).toBe('Chi cục');
    // @ts-expect-error: the dictionary has no such status (tsc fails if this ever compiles)
    expect(enumKey('accounts.status', 'GONE')).toBe('accounts.status.GONE');
  });
});
