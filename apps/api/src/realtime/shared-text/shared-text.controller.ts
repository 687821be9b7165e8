/**
 * Shared text over HTTP: one route, for the page that is going away (tab closed, app switched)
 * with edits its socket has not had acknowledged. The web app sends them with a keepalive
 * request, which outlives the page (SharedTextField's pagehide). Everything else about shared
 * text travels on the plan's socket (docs/realtime-protocol.md, "Shared text").
 */
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TextUpdateResult } from '#contracts';
import { CurrentActor, type Actor } from '../../auth/actor';
import { HttpTextUpdateDto } from '../dto/shared-text.dto';
import { SharedTextService } from './shared-text.service';

@ApiTags('shared-text')
@ApiBearerAuth()
@Controller('plans/:planId/shared-text')
export class SharedTextController {
  constructor(private readonly texts: SharedTextService) {}

  /** Stored before the answer, as a socket update's ack; the same update twice is nothing to do. */
  @Post('updates')
  @HttpCode(200)
  update(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: HttpTextUpdateDto,
  ): Promise<TextUpdateResult> {
    return this.texts.updateOverHttp(actor, planId, dto);
  }
}
