/** GET /health: is this node able to serve (database reachable, realtime adapter connected). */
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController] })
export class HealthModule {}
