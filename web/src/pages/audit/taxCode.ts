// Vietnamese tax codes (mã số thuế), checked as the server does so the form can answer while the user types:
// 10 digits with a check digit, a 13-digit branch `XXXXXXXXXX-YYY`, or a 12-digit personal number (from 2025).
// Spaces, dots and the hyphen are ignored on input. Pure: unit-tested.

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export type TaxCodeProblem = 'EMPTY' | 'CHARACTERS' | 'LENGTH' | 'CHECK_DIGIT' | 'ZEROS' | 'BRANCH_SUFFIX';

/** The check digit of the first nine digits, or null when the code cannot have one (r = 0). */
export function checkDigit(nine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * WEIGHTS[i];
  const r = sum % 11;
  return r === 0 ? null : 10 - r;
}

export function stripTaxCode(text: string): string {
  return text.replace(/[\s.\-]/g, '');
}

/** The canonical form (`0123456789` or `0123456789-001`), or the problem. */
export function parseTaxCode(text: string): { code: string } | { problem: TaxCodeProblem } {
  const s = stripTaxCode(text ?? '');
  if (!s) return { problem: 'EMPTY' };
  if (!/^\d+$/.test(s)) return { problem: 'CHARACTERS' };
  if (s.length === 12) return { code: s };
  if (s.length !== 10 && s.length !== 13) return { problem: 'LENGTH' };
  if (/^0+$/.test(s.slice(2, 9))) return { problem: 'ZEROS' };
  const check = checkDigit(s.slice(0, 9));
  if (check === null || check !== Number(s[9])) return { problem: 'CHECK_DIGIT' };
  if (s.length === 13) {
    if (s.slice(10) === '000') return { problem: 'BRANCH_SUFFIX' };
    return { code: `${s.slice(0, 10)}-${s.slice(10)}` };
  }
  return { code: s };
}

/** A valid 10-digit code whose first nine digits come from `seed` (used by tests to make fresh codes). */
export function makeTaxCode(seed: number): string {
  for (let n = Math.abs(Math.trunc(seed)); ; n++) {
    const nine = String(n % 1_000_000_000).padStart(9, '0');
    if (/^0+$/.test(nine.slice(2, 9))) continue;
    const c = checkDigit(nine);
    if (c !== null) return nine + String(c % 10);
  }
}
