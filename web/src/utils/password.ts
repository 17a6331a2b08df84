// Client-side guidance for new passwords; the server is the authority (WEAK_PASSWORD).
export const MIN_PASSWORD_LENGTH = 10;

// A few of the most common passwords (the server holds the real list).
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', 'qwertyuiop', 'password123', 'password1234', 'matkhau123',
  'matkhau1234', 'abc1234567', 'admin12345', 'haiquan123', 'haiquan@123', 'iloveyou12', '1111111111',
  'aaaaaaaaaa', 'qwerty1234', '1q2w3e4r5t', 'a123456789', 'abcd123456', 'vietnam123', 'customs123',
]);

export type PasswordProblem = 'tooShort' | 'containsUsername' | 'common' | 'same';

export function passwordProblems(pw: string, username: string, oldPw?: string): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  if ([...pw].length < MIN_PASSWORD_LENGTH) out.push('tooShort');
  const u = username.trim().toLowerCase();
  if (u && pw.toLowerCase().includes(u)) out.push('containsUsername');
  if (COMMON.has(pw.toLowerCase())) out.push('common');
  if (oldPw && pw === oldPw) out.push('same');
  return out;
}
