import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../../agent/onegate/endpoint';

describe('parseEndpoint', () => {
  const valid: Array<[string, string, string, number, string, string]> = [
    // input, protocol, hostname, port, basePath, origin
    ['http://169.254.16.9:5030', 'http:', '169.254.16.9', 5030, '', 'http://169.254.16.9:5030'],
    ['http://h/', 'http:', 'h', 80, '', 'http://h:80'],
    ['HTTP://H:5030', 'http:', 'h', 5030, '', 'http://h:5030'],
    ['https://gate.example.org', 'https:', 'gate.example.org', 443, '', 'https://gate.example.org:443'],
    ['https://gate.example.org/onegate/', 'https:', 'gate.example.org', 443, '/onegate', 'https://gate.example.org:443'],
    ['http://[fd00::1]:5030', 'http:', 'fd00::1', 5030, '', 'http://[fd00::1]:5030'],
    ['http://[::1]', 'http:', '::1', 80, '', 'http://[::1]:80'],
    ['  http://10.0.0.1:5030\n', 'http:', '10.0.0.1', 5030, '', 'http://10.0.0.1:5030'],
  ];
  it.each(valid)('%j', (input, protocol, hostname, port, basePath, origin) => {
    expect(parseEndpoint(input)).toEqual({ protocol, hostname, port, basePath, origin });
  });

  it('drops the path prefix like the Ruby CLI when asked', () => {
    expect(parseEndpoint('https://h/onegate/', { keepPathPrefix: false }).basePath).toBe('');
  });

  const invalid: Array<[string, RegExp]> = [
    ['', /empty/],
    ['127.0.0.1:5030', /no http:\/\/ or https:\/\/ scheme/],
    ['localhost:5030', /no http:\/\/ or https:\/\/ scheme/],
    ['ftp://h:21', /scheme "ftp" is not http or https/],
    ['http://h:99999', /not a URL/],
    ['http://user:pw@h:5030', /user information/],
    ['http://h:5030/?x=1', /query or fragment/],
  ];
  it.each(invalid)('refuses %j naming the input and the problem', (input, why) => {
    try {
      parseEndpoint(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'ONEGATE_INVALID_ENDPOINT' });
      expect((err as Error).message).toContain(`"${input}"`);
      expect((err as Error).message).toMatch(why);
    }
  });
});
