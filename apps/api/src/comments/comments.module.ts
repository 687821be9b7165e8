/** Comment threads on goals and tasks. */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '../plans/plans.module';
import { Comment } from './comment.entity';
import { GoalCommentsController, PlanCommentsController, TaskCommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({
  imports: [TypeOrmModule.forFeature([Comment]), PlansModule],
  controllers: [PlanCommentsController, GoalCommentsController, TaskCommentsController],
  providers: [CommentsService],
})
export class CommentsModule {}
