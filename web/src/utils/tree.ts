// Unit tree helpers (pure).
import type { Unit } from '../api/types';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Builds a forest from the flat list; units whose parent is not in the list become roots (the caller's subtree). */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byCode = new Map<string, UnitNode>();
  for (const u of units) byCode.set(u.code, { unit: u, children: [] });
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = byCode.get(u.code)!;
    const parent = u.parent_code ? byCode.get(u.parent_code) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Codes of the unit and all its descendants. */
export function subtreeCodes(units: Unit[], code: string): Set<string> {
  const out = new Set<string>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parent_code && out.has(u.parent_code) && !out.has(u.code)) {
        out.add(u.code);
        grew = true;
      }
    }
  }
  return out;
}

/** Path of codes from a root of the list down to `code` (inclusive). */
export function ancestorsOf(units: Unit[], code: string): string[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const path: string[] = [];
  let cur = byCode.get(code);
  const seen = new Set<string>();
  while (cur && !seen.has(cur.code)) {
    seen.add(cur.code);
    path.unshift(cur.code);
    cur = cur.parent_code ? byCode.get(cur.parent_code) : undefined;
  }
  return path;
}

/** Keeps the units matching the text (code or name, accent-insensitive) and their ancestors, for tree filtering. */
export function filterUnits(units: Unit[], text: string): Set<string> {
  const q = fold(text.trim());
  if (!q) return new Set(units.map((u) => u.code));
  const keep = new Set<string>();
  for (const u of units) {
    if (fold(u.code).includes(q) || fold(u.name).includes(q)) ancestorsOf(units, u.code).forEach((c) => keep.add(c));
  }
  return keep;
}

/** Lowercase without Vietnamese diacritics ("Hồ Chí Minh" → "ho chi minh"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** The level a child of a unit at `level` normally has. */
export function childLevel(level: Unit['level']): Unit['level'] {
  switch (level) {
    case 'TONG_CUC':
      return 'CUC';
    case 'CUC':
      return 'CHI_CUC';
    default:
      return 'DOI';
  }
}
