import { describe, expect, it } from 'vitest';
import { crc32, xlsxBytes } from './xlsx';

describe('xlsx export', () => {
  it('computes the zip CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('writes a zip with the workbook parts and the cells', () => {
    const bytes = xlsxBytes('Thao tác', ['Hệ thống', 'Số tệp'], [['SLXNK', 3], ['<&>', null]]);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint32(bytes.length - 22, true)).toBe(0x06054b50);
    expect(view.getUint16(bytes.length - 22 + 10, true)).toBe(5);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('xl/worksheets/sheet1.xml');
    expect(text).toContain('<c r="B2"><v>3</v></c>');
    expect(text).toContain('&lt;&amp;&gt;');
    expect(text).toContain('Hệ thống');
  });
});
