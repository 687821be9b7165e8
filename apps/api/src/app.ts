/** Builds the Nest application with every cross-cutting concern; main.ts and nothing else calls it. */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config';
import { ErrorFilter } from './errors/error.filter';
import { checkRawInput, createValidationPipe } from './errors/validation';
import { createHttpLogger, PinoNestLogger } from './logging/logger';
import { CSP_DIRECTIVES, noStore } from './security-headers';

export async function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.set('x-powered-by', false);
  // Api answers are never cached (noStore), so an ETag is a hash over every body for nothing
  // (87 KB per plan load); the web app's files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.use(createHttpLogger(logger));
  app.use(helmet({ contentSecurityPolicy: { directives: CSP_DIRECTIVES } }));
  app.use(noStore);
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  // Every JSON body meets the input rules before any route (or anything recursive) sees it, whether the route reads a body or not.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    try {
      checkRawInput(req.body);
      next();
    } catch (error) {
      next(error);
    }
  });
  app.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // Staff CSV imports: raw bytes, so that the encoding can be checked; the 1 MB rule is the service's
  // (a clear message), the parser's larger limit only stops a flood.
  app.useBodyParser('raw', { type: 'text/csv', limit: '2mb' });
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();

  const openapi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fellesplan API')
      .setDescription('Individual plans (individuell plan), written and followed up together.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/docs-json' });

  serveWebApp(app, config);
  return app;
}

/** The built web app at /, with deep links falling back to index.html. */
function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const dir = resolve(config.WEB_DIST ?? join(__dirname, '..', '..', '..', 'web'));
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  const files = express.static(dir, { index: false, maxAge: '1h' });
  app.use(precompressed(dir));
  // Not for the api: a static lookup is a file system call (stat) on every api request otherwise.
  app.use((req: Request, res: Response, next: NextFunction) => (isServerPath(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isServerPath(req.path)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

/** Paths the server itself answers (the api, health, metrics, socket.io), never files of the web app. */
function isServerPath(path: string): boolean {
  return path.startsWith('/api') || path === '/health' || path === '/metrics' || path.startsWith('/socket.io');
}

/** The content codings an Accept-Encoding header allows (`br;q=0` refuses brotli). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * Scripts and styles as the compressed files the web build writes beside them (`x.js.br`,
 * `x.js.gz`): brotli to browsers that accept it, else gzip; a phone on a slow line fetches a
 * quarter of the bytes. Anything else falls through to express.static.
 */
function precompressed(dir: string) {
  const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
  const encodings = [
    { name: 'br', suffix: '.br' },
    { name: 'gzip', suffix: '.gz' },
  ];
  return (req: Request, res: Response, next: NextFunction) => {
    const ext = extname(req.path);
    if (req.method !== 'GET' || !req.path.startsWith('/assets/') || !types[ext]) return next();
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const file = join(dir, normalize(req.path).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir)) return next();
    const encoding = encodings.find((e) => accepted.has(e.name) && existsSync(`${file}${e.suffix}`));
    if (!encoding) return next();
    res.setHeader('content-type', types[ext]);
    res.setHeader('content-encoding', encoding.name);
    res.setHeader('vary', 'accept-encoding');
    res.setHeader('cache-control', 'public, max-age=3600');
    res.sendFile(`${file}${encoding.suffix}`);
  };
}
