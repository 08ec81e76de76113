import { describe, expect, it } from 'vitest';
import { fileKindOf, formatFileSize } from './file-kinds';

describe('attachment display', () => {
  it('picks the icon family from the extension, whatever its case', () => {
    expect(fileKindOf('需求确认单.PDF')).toBe('pdf');
    expect(fileKindOf('报价.xlsx')).toBe('excel');
    expect(fileKindOf('现场.jpeg')).toBe('image');
    expect(fileKindOf('archive.tar.gz')).toBe('other');
    expect(fileKindOf('README')).toBe('other');
  });

  it('writes sizes for people', () => {
    expect(formatFileSize(0, 'zh-CN')).toBe('0 B');
    expect(formatFileSize(1536, 'en')).toBe('1.5 KB');
    expect(formatFileSize(20 * 1024 * 1024, 'zh-CN')).toBe('20 MB');
    expect(formatFileSize(1234567, 'en')).toBe('1.2 MB');
    expect(formatFileSize(5 * 1024 ** 4, 'en')).toBe('5,120 GB');
  });
});
