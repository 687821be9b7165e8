import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChangeResult, CitizenEntry, DirectoryEntry, InvitationView, TokenPair } from '#contracts';
import { CurrentActor, RequestOrigin, type Actor, type Origin } from '../auth/actor';
import { Public } from '../auth/public.decorator';
import { MutationDto } from '../plans/dto/plan.dto';
import {
  AcceptInvitationDto,
  CitizenQueryDto,
  DirectoryQueryDto,
  InviteMemberDto,
  InviteMembersDto,
  RecordGuardianshipDto,
  UpdateMemberDto,
} from './dto/member.dto';
import { MembersService, type InviteResult } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('plans/:planId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  invite(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: InviteMemberDto,
  ): Promise<InviteResult> {
    return this.members.invite(actor, planId, dto);
  }

  /** Several at once (the group gathered in one submit): all checked first, then each added through the write path. */
  @Post('batch')
  inviteMany(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: InviteMembersDto,
  ): Promise<{ results: InviteResult[] }> {
    return this.members.inviteMany(actor, planId, dto);
  }

  @Patch(':memberId')
  update(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<ChangeResult> {
    return this.members.update(actor, planId, memberId, dto);
  }

  @Delete(':memberId')
  @HttpCode(200)
  remove(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Query() q: MutationDto,
  ): Promise<ChangeResult> {
    return this.members.remove(actor, planId, memberId, q.clientMutationId);
  }
}

/** One-time invitation links: the token is the authorization, so these routes are public. */
@ApiTags('members')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly members: MembersService) {}

  @Public()
  @Get(':token')
  get(@Param('token') token: string): Promise<InvitationView> {
    return this.members.getInvitation(token);
  }

  @Public()
  @Post(':token/accept')
  @HttpCode(200)
  accept(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @RequestOrigin() origin: Origin,
  ): Promise<TokenPair & { planId: string }> {
    return this.members.acceptInvitation(token, dto, origin);
  }
}

/** The municipality's staff directory: where a plan's professionals and coordinator are picked from. */
@ApiTags('members')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly members: MembersService) {}

  @Get('staff')
  staff(@CurrentActor() actor: Actor, @Query() query: DirectoryQueryDto): Promise<DirectoryEntry[]> {
    return this.members.searchDirectory(actor, query);
  }

  /** The municipality's citizens, to start a plan for one (those who may start plans; name only). */
  @Get('citizens')
  citizens(@CurrentActor() actor: Actor, @Query() query: CitizenQueryDto): Promise<CitizenEntry[]> {
    return this.members.searchCitizens(actor, query);
  }
}

/** Koordinerende enhet records a verified guardianship (foresatt/verge) in a plan. */
@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview/plans/:planId/guardianships')
export class GuardianshipsController {
  constructor(private readonly members: MembersService) {}

  @Post()
  record(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: RecordGuardianshipDto,
  ): Promise<ChangeResult & { invitationUrl?: string }> {
    return this.members.recordGuardianship(actor, planId, dto);
  }
}
