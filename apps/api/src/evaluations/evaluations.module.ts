/** Evaluations (GAS ratings and decisions per goal) and the person's own ratings between them (issue 14). */
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { EvaluationsController, MyCheckinsController } from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';

@Module({
  imports: [PlansModule, AuditModule],
  controllers: [EvaluationsController, MyCheckinsController],
  providers: [EvaluationsService],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
