import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, JournalDraftView, JournalEntryView, Page } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { MutationDto } from '../plans/dto/plan.dto';
import { CreateJournalEntryDto, JournalQueryDto } from './dto/journal.dto';
import { JournalService } from './journal.service';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('plans/:planId/journal')
export class JournalController {
  constructor(private readonly journal: JournalService) {}

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() query: JournalQueryDto,
  ): Promise<Page<JournalEntryView>> {
    return this.journal.list(actor, planId, query);
  }

  /** The note being written together (shared text 'journal_draft'); it is posted over the socket ('text:post'). */
  @Get('draft')
  draft(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<JournalDraftView> {
    return this.journal.getDraft(actor, planId);
  }

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: CreateJournalEntryDto,
  ): Promise<ChangeResult<JournalEntryView>> {
    return this.journal.create(actor, planId, dto);
  }

  @Delete(':entryId')
  @HttpCode(200)
  remove(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Query() q: MutationDto,
  ): Promise<ChangeResult> {
    return this.journal.remove(actor, planId, entryId, q.clientMutationId);
  }

  @Post(':entryId/restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Body() dto: MutationDto,
  ): Promise<ChangeResult<JournalEntryView>> {
    return this.journal.restore(actor, planId, entryId, dto.clientMutationId);
  }
}
