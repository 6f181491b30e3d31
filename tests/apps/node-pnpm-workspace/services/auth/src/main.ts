import { createServer } from 'http';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const config = require('@acme/config') as { port: number; tokenSecret: string };

function bootstrap(): void {
  const controller = new AuthController(new AuthService(config.tokenSecret));
  createServer((req, res) => controller.handle(req, res)).listen(config.port, () => {
    console.log(`auth-service listening on ${config.port}`);
  });
}

bootstrap();
