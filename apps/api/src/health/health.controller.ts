import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const started = Date.now();
    try {
      await this.db.query('SELECT 1');
      res.status(HttpStatus.OK).json({ status: 'ok', checks: { database: { status: 'ok', ms: Date.now() - started } } });
    } catch (error) {
      res
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .json({ status: 'error', checks: { database: { status: 'error', message: (error as Error).message } } });
    }
  }
}
