/** Tasks (tiltak) of a plan, including the person's own effort and the relatives' part. */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [PlansModule], controllers: [TasksController], providers: [TasksService], exports: [TasksService] })
export class TasksModule {}
