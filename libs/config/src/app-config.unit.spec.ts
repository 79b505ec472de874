import { ConfigError, loadConfig } from './app-config';
import { thrown } from '../../../tools/test/thrown';

const base = { DATABASE_URL: 'postgres://x', CASE_KEY_SECRET: '0123456789abcdef', PAYLOAD_KEYS: 'k1:AAAA' };

describe('loadConfig', () => {
  it('applies defaults for optional settings', () => {
    const c = loadConfig(base);
    expect(c.temporalAddress).toBe('127.0.0.1:7233');
    expect(c.taskQueue).toBe('petitions');
    expect(c.apiPort).toBe(3000);
    expect(c.calendarWarnFrom).toBe('12-01');
  });

  it('takes CALENDAR_WARN_FROM as MM-DD and refuses anything else', () => {
    expect(loadConfig({ ...base, CALENDAR_WARN_FROM: '11-15' }).calendarWarnFrom).toBe('11-15');
    expect(() => loadConfig({ ...base, CALENDAR_WARN_FROM: '12-32' })).toThrow('CALENDAR_WARN_FROM must be MM-DD');
  });

  it('lists every missing or invalid setting at once', () => {
    const e = thrown(() => loadConfig({ API_PORT: 'abc', CASE_KEY_SECRET: 'short' }));
    expect(e).toBeInstanceOf(ConfigError);
    const problems = (e as ConfigError).problems;
    expect(problems).toEqual(expect.arrayContaining([
      'DATABASE_URL is required', 'PAYLOAD_KEYS is required', 'API_PORT must be a port number',
      'CASE_KEY_SECRET must be at least 16 characters',
    ]));
  });
});
