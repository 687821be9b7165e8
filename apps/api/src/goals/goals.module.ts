/** Goals (mål) of a plan. */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { GoalsController } from './goals.controller';
import { GoalsService } from './goals.service';

@Module({ imports: [PlansModule], controllers: [GoalsController], providers: [GoalsService], exports: [GoalsService] })
export class GoalsModule {}
