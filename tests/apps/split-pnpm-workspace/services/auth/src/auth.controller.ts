import { IncomingMessage, ServerResponse } from 'http';
import { AuthService } from './auth.service';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export class AuthController {
  constructor(private readonly auth: AuthService) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === 'GET' && (req.url === '/' || req.url === '/health')) {
      send(res, 200, { status: 'ok', service: 'auth' });
    } else if (req.method === 'POST' && req.url === '/auth/login') {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const { user } = JSON.parse(raw || '{}') as { user?: string };
        if (!user) return send(res, 400, { error: 'user required' });
        send(res, 201, { token: this.auth.issue(user) });
      });
    } else if (req.method === 'GET' && req.url?.startsWith('/auth/verify/')) {
      send(res, 200, { valid: this.auth.verify(req.url.slice('/auth/verify/'.length)) });
    } else {
      send(res, 404, { error: 'not found' });
    }
  }
}
