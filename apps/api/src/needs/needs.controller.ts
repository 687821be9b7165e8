import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NeedAppointmentResult, NeedView, Page } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { AppointCoordinatorDto, ListNeedsQueryDto, ReportNeedDto, TriageNeedDto } from './dto/need.dto';
import { NeedsService } from './needs.service';

@ApiTags('needs')
@ApiBearerAuth()
@Controller('needs')
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  /** Melding om behov for IP/koordinator. */
  @Post()
  report(@CurrentActor() actor: Actor, @Body() dto: ReportNeedDto): Promise<NeedView> {
    return this.needs.report(actor, dto);
  }

  /** The queue (systemkoordinator) or my own reports (anyone else who may report). */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListNeedsQueryDto): Promise<Page<NeedView>> {
    return this.needs.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<NeedView> {
    return this.needs.get(actor, id);
  }

  @Post(':id/triage')
  @HttpCode(200)
  triage(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TriageNeedDto): Promise<NeedView> {
    return this.needs.triage(actor, id, dto);
  }

  @Post(':id/appoint')
  @HttpCode(200)
  appoint(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AppointCoordinatorDto,
  ): Promise<NeedAppointmentResult> {
    return this.needs.appoint(actor, id, dto);
  }
}
