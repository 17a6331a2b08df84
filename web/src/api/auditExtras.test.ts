import { describe, expect, it } from 'vitest';
import { AUDIT_LISTS, exportQuery } from './auditExtras';

describe('audit list exports', () => {
  it('keeps the filters, drops the page, asks for xlsx', () => {
    expect(exportQuery({ page: 3, page_size: 50, status: 'DRAFT', q: 'thép', sort: 'number', order: 'asc' })).toEqual({
      status: 'DRAFT',
      q: 'thép',
      sort: 'number',
      order: 'asc',
      format: 'xlsx',
    });
  });
  it('names a list route for every list', () => {
    for (const l of Object.values(AUDIT_LISTS)) expect(l.path).toMatch(/^\/audit\//);
  });
});
