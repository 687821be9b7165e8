import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AppointmentWarning, CompletionView, CoordinatorRow, CourseView, TrainingStatus } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { CoordinatorsService } from './coordinators.service';
import {
  CreateCourseDto,
  ListCompletionsQueryDto,
  ListCoordinatorsQueryDto,
  ListCoursesQueryDto,
  RecordCompletionDto,
  UpdateCourseDto,
} from './dto/training.dto';
import { TrainingService } from './training.service';

@ApiTags('training')
@ApiBearerAuth()
@Controller('training')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly coordinators: CoordinatorsService,
  ) {}

  @Get('courses')
  courses(@CurrentActor() actor: Actor, @Query() query: ListCoursesQueryDto): Promise<CourseView[]> {
    return this.training.listCourses(actor, query.includeArchived);
  }

  @Post('courses')
  createCourse(@CurrentActor() actor: Actor, @Body() dto: CreateCourseDto): Promise<CourseView> {
    return this.training.createCourse(actor, dto);
  }

  @Patch('courses/:id')
  updateCourse(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCourseDto): Promise<CourseView> {
    return this.training.updateCourse(actor, id, dto);
  }

  @Get('completions')
  completions(@CurrentActor() actor: Actor, @Query() query: ListCompletionsQueryDto): Promise<CompletionView[]> {
    return this.training.listCompletions(actor, query);
  }

  @Post('completions')
  record(@CurrentActor() actor: Actor, @Body() dto: RecordCompletionDto): Promise<CompletionView> {
    return this.training.recordCompletion(actor, dto);
  }

  @Delete('completions/:id')
  @HttpCode(204)
  deleteCompletion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.training.deleteCompletion(actor, id);
  }

  @Get('me')
  mine(@CurrentActor() actor: Actor): Promise<{ status: TrainingStatus; completions: CompletionView[] }> {
    return this.training.mine(actor);
  }

  /** Coordinators with their training status and caseload; untrained or expired ones are flagged. */
  @Get('coordinators')
  listCoordinators(@CurrentActor() actor: Actor, @Query() query: ListCoordinatorsQueryDto): Promise<CoordinatorRow[]> {
    return this.coordinators.listFor(actor, query);
  }

  /** What appointing this account as coordinator would warn about (training, caseload), asked before appointing. */
  @Get('coordinators/:accountId/warnings')
  warnings(@CurrentActor() actor: Actor, @Param('accountId', ParseUUIDPipe) accountId: string): Promise<AppointmentWarning[]> {
    return this.coordinators.warningsFor(actor, accountId);
  }
}
