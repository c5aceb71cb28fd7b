// The environment is read in one place; a bad value stops the service with the variable named.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/shared/config.ts';

/** One test a variable and a value that loadConfig must refuse, naming the variable. */
function refusesEach(cases: Array<[name: string, value: string]>): void {
  it.each(cases)('refuses %s=%j, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
}

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('takes a number of proxies, or their addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.2' }).trustProxy).toEqual(['10.0.0.2']);
    expect(
      loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8,2001:db8::1' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '2001:db8::1']);
  });

  it.each([
    'true',
    'yes',
    '0',
    '300.1.1.1',
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/8/8',
    'loopback/8',
    'proxy.example',
    '10.0.0.2,',
  ])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('time limits on connections', () => {
  it('has defaults that let the largest report through on Slow 3G', () => {
    expect(loadConfig({}).timeouts).toEqual({
      requestMs: 60_000,
      headersMs: 20_000,
      connectionMs: 30_000,
      keepAliveMs: 130_000,
      shutdownMs: 10_000,
    });
  });

  it('takes each limit in milliseconds', () => {
    expect(
      loadConfig({
        REQUEST_TIMEOUT_MS: '5000',
        HEADERS_TIMEOUT_MS: '2000',
        CONNECTION_TIMEOUT_MS: '3000',
        KEEP_ALIVE_TIMEOUT_MS: '4000',
        SHUTDOWN_TIMEOUT_MS: '6000',
      }).timeouts,
    ).toEqual({
      requestMs: 5000,
      headersMs: 2000,
      connectionMs: 3000,
      keepAliveMs: 4000,
      shutdownMs: 6000,
    });
  });

  refusesEach([
    ['REQUEST_TIMEOUT_MS', '0'],
    ['HEADERS_TIMEOUT_MS', '999'],
    ['CONNECTION_TIMEOUT_MS', 'soon'],
    ['KEEP_ALIVE_TIMEOUT_MS', '600001'],
  ]);

  it('refuses a wait for the headers longer than for the whole request', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' })).toThrow(
      /HEADERS_TIMEOUT_MS: must not be more than REQUEST_TIMEOUT_MS/,
    );
  });
});

describe('sign-in settings', () => {
  it('checks passwords in one or two workers by default, leaving a core to requests', () => {
    const config = loadConfig({});
    expect(config.passwordWorkers).toBeGreaterThanOrEqual(1);
    expect(config.passwordWorkers).toBeLessThanOrEqual(2);
    expect(config.passwordQueue).toBe(8);
    expect(config.rateLimitSignIns).toBe(20);
    const set = loadConfig({
      PASSWORD_WORKERS: '3',
      PASSWORD_QUEUE: '0',
      RATE_LIMIT_SIGN_INS: '5',
    });
    expect([set.passwordWorkers, set.passwordQueue, set.rateLimitSignIns]).toEqual([3, 0, 5]);
  });

  refusesEach([
    ['PASSWORD_WORKERS', '0'],
    ['PASSWORD_WORKERS', '17'],
    ['PASSWORD_QUEUE', '-1'],
    ['RATE_LIMIT_SIGN_INS', '0'],
  ]);
});
