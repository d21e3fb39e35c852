import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/core/http.ts';

describe('redactSecrets', () => {
  it('hides one-time tokens in logged URLs and keeps the rest', () => {
    expect(redactSecrets('/account/reset?token=abc123_-XYZ')).toBe('/account/reset?token=[redacted]');
    expect(redactSecrets('/x?a=1&token=s3cret&b=2')).toBe('/x?a=1&token=[redacted]&b=2');
    expect(redactSecrets('/api/v1/micro-credentials?q=data')).toBe('/api/v1/micro-credentials?q=data');
  });
});
