import { createHmac, timingSafeEqual } from 'crypto';

export class AuthService {
  constructor(private readonly secret: string) {}

  issue(user: string): string {
    const body = Buffer.from(JSON.stringify({ sub: user, iat: Date.now() })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  verify(token: string): boolean {
    const [body, sig] = token.split('.');
    if (!body || !sig) return false;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
