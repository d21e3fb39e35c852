import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A browser-like client for app.inject: keeps the session cookie and sends the CSRF token on writes. */
export class TestClient {
  private cookie = '';
  csrfToken = '';

  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
    });
    const setCookie = res.cookies.find((c) => c.name === 'stapel_session');
    if (setCookie) this.cookie = setCookie.value ? `stapel_session=${setCookie.value}` : '';
    const body = String(res.headers['content-type'] ?? '').includes('json') ? res.json() : undefined;
    if (body && typeof body === 'object' && 'csrfToken' in body)
      this.csrfToken = String((body as { csrfToken: string }).csrfToken);
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, payload?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, payload ?? {}, headers);
  put = (url: string, payload?: unknown) => this.request('PUT', url, payload ?? {});
  delete = (url: string) => this.request('DELETE', url);

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    return this.post('/api/v1/session', { email, password });
  }
}
