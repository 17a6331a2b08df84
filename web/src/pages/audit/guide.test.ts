import { describe, expect, it } from 'vitest';
import { GUIDE } from './guide';
import { MODULES } from '../../modules';

describe('audit user guide', () => {
  const auditPaths = MODULES.find((m) => m.key === 'audit')!.pages.map((p) => '/' + p.path);

  it('has every section in Vietnamese (with diacritics) and English, step for step', () => {
    for (const s of GUIDE) {
      expect(s.title.vi).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳýạ-ỹ]/i);
      expect(s.title.en.length).toBeGreaterThan(3);
      expect(s.steps.vi.length).toBeGreaterThan(0);
      expect(s.steps.en.length).toBe(s.steps.vi.length);
    }
    expect(new Set(GUIDE.map((s) => s.id)).size).toBe(GUIDE.length);
  });

  it('links only pages that exist, and the guide itself is a page of the module', () => {
    for (const s of GUIDE) if (s.page) expect(auditPaths).toContain(s.page);
    expect(auditPaths).toContain('/audit/guide');
  });
});
