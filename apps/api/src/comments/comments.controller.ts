/** The comment threads of goals and tasks: the same four routes under each, and the size of every thread. */
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, CommentCountsView, CommentView, Page } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { MutationDto, PageDto } from '../plans/dto/plan.dto';
import { CommentsService } from './comments.service';
import { CreateCommentDto } from './dto/comment.dto';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('plans/:planId/comments')
export class PlanCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  counts(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<CommentCountsView> {
    return this.comments.counts(actor, planId);
  }
}

@ApiTags('comments')
@ApiBearerAuth()
@Controller('plans/:planId/goals/:goalId/comments')
export class GoalCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Query() page: PageDto,
  ): Promise<Page<CommentView>> {
    return this.comments.list(actor, planId, { type: 'goal', id: goalId }, page);
  }

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<ChangeResult<CommentView>> {
    return this.comments.create(actor, planId, { type: 'goal', id: goalId }, dto);
  }

  @Delete(':commentId')
  @HttpCode(200)
  remove(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Param('commentId', ParseUUIDPipe) commentId: string,
    @Query() q: MutationDto,
  ): Promise<ChangeResult> {
    return this.comments.remove(actor, planId, { type: 'goal', id: goalId }, commentId, q.clientMutationId);
  }

  @Post(':commentId/restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('goalId', ParseUUIDPipe) goalId: string,
    @Param('commentId', ParseUUIDPipe) commentId: string,
    @Body() dto: MutationDto,
  ): Promise<ChangeResult<CommentView>> {
    return this.comments.restore(actor, planId, { type: 'goal', id: goalId }, commentId, dto.clientMutationId);
  }
}

@ApiTags('comments')
@ApiBearerAuth()
@Controller('plans/:planId/tasks/:taskId/comments')
export class TaskCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Query() page: PageDto,
  ): Promise<Page<CommentView>> {
    return this.comments.list(actor, planId, { type: 'task', id: taskId }, page);
  }

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<ChangeResult<CommentView>> {
    return this.comments.create(actor, planId, { type: 'task', id: taskId }, dto);
  }

  @Delete(':commentId')
  @HttpCode(200)
  remove(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Param('commentId', ParseUUIDPipe) commentId: string,
    @Query() q: MutationDto,
  ): Promise<ChangeResult> {
    return this.comments.remove(actor, planId, { type: 'task', id: taskId }, commentId, q.clientMutationId);
  }

  @Post(':commentId/restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Param('commentId', ParseUUIDPipe) commentId: string,
    @Body() dto: MutationDto,
  ): Promise<ChangeResult<CommentView>> {
    return this.comments.restore(actor, planId, { type: 'task', id: taskId }, commentId, dto.clientMutationId);
  }
}
