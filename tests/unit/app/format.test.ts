import { describe, expect, it } from 'vitest';
import { formatBytes, plural, storageUsageText } from '../../../app/src/format';

describe('storage and count wording', () => {
  it('reads storage as a person would say it', () => {
    expect(storageUsageText(6.9 * 1024 * 1024, 10.4 * 1024 ** 3)).toBe('Using 6.9 MB of about 10 GB.');
    expect(storageUsageText(812 * 1024, 296 * 1024 ** 3)).toBe('Using 812 KB of about 300 GB.');
    expect(storageUsageText(0, 2.2 * 1024 ** 3)).toBe('Using 0 bytes of about 2 GB.');
    expect(storageUsageText(1234, null)).toBe('Using 1.2 KB.');
    expect(storageUsageText(null, null)).toBe('Storage use is not available in this browser.');
  });

  it('formats sizes with one decimal only below ten', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(15.4 * 1024 * 1024)).toBe('15 MB');
    expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.3 GB');
  });

  it('says 1 logged day and 2 logged days', () => {
    expect(plural(1, 'logged day')).toBe('1 logged day');
    expect(plural(2, 'logged day')).toBe('2 logged days');
    expect(plural(3000, 'day')).toBe('3,000 days');
  });
});
