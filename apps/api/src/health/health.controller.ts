import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { withDeadline } from '../deadline';
import { AppConfig } from '../config/config';
import { RealtimeServer } from '../realtime/realtime-server';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface CheckResult {
  status: 'ok' | 'error';
  /** How long the check took, in milliseconds. */
  ms: number;
  message?: string;
}

/** A check that has not answered by then counts as failed: a probe must not hang. */
export const CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness and readiness in one: 200 when the database and the realtime adapter answer, 503 with
 * the failing check's message when one does not.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly realtime: RealtimeServer,
  ) {}

  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const [database, realtime] = await Promise.all([runCheck(() => this.db.query('SELECT 1')), runCheck(() => this.realtime.health())]);
    const checks = { database, realtime: { ...realtime, adapter: this.config.REALTIME_ADAPTER } };
    const ok = database.status === 'ok' && realtime.status === 'ok';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'error', checks });
  }
}

async function runCheck(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = Date.now();
  try {
    await withDeadline(check(), CHECK_TIMEOUT_MS);
    return { status: 'ok', ms: Date.now() - started };
  } catch (error) {
    return { status: 'error', ms: Date.now() - started, message: error instanceof Error ? error.message : String(error) };
  }
}
