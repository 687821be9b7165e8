import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, ConsentView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { MutationDto } from '../plans/dto/plan.dto';
import { ConsentService } from './consent.service';
import { GiveConsentDto } from './dto/consent.dto';

@ApiTags('consent')
@ApiBearerAuth()
@Controller('plans/:planId/consents')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Post()
  give(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: GiveConsentDto,
  ): Promise<ChangeResult<ConsentView>> {
    return this.consent.give(actor, planId, dto);
  }

  @Post(':consentId/revoke')
  @HttpCode(200)
  revoke(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('consentId', ParseUUIDPipe) consentId: string,
    @Body() dto: MutationDto,
  ): Promise<ChangeResult> {
    return this.consent.revoke(actor, planId, consentId, dto.clientMutationId);
  }
}
