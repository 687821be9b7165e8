/** Comment threads on goals and tasks. */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '../plans/plans.module';
import { Comment } from './comment.entity';
import { GoalCommentsController, TaskCommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({
  imports: [TypeOrmModule.forFeature([Comment]), PlansModule],
  controllers: [GoalCommentsController, TaskCommentsController],
  providers: [CommentsService],
})
export class CommentsModule {}
