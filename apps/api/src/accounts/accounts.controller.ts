import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AccountView, MeView, Page, StaffImportResult } from '#contracts';
import { DomainError } from '../errors/domain-error';
import { CurrentActor, type Actor } from '../auth/actor';
import { AccountsService } from './accounts.service';
import { CreateAccountDto, ImportAccountsQueryDto, ListAccountsQueryDto, UpdateAccountDto, UpdateMeDto } from './dto/account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Patch('me')
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.accounts.updateMe(actor, dto);
  }

  @Get('accounts')
  list(@CurrentActor() actor: Actor, @Query() query: ListAccountsQueryDto): Promise<Page<AccountView>> {
    return this.accounts.list(actor, query);
  }

  @Post('accounts')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(actor, dto);
  }

  /** Staff from a CSV file (Content-Type: text/csv): a preview, or with ?commit=true all at once. */
  @Post('accounts/import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  importStaff(@CurrentActor() actor: Actor, @Req() req: Request, @Query() query: ImportAccountsQueryDto): Promise<StaffImportResult> {
    if (!Buffer.isBuffer(req.body)) throw new DomainError('csv_invalid', 415, 'Send the file as text/csv');
    return this.accounts.importStaff(actor, req.body, query.commit === 'true');
  }

  @Get('accounts/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AccountView> {
    return this.accounts.get(actor, id);
  }

  @Patch('accounts/:id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAccountDto): Promise<AccountView> {
    return this.accounts.update(actor, id, dto);
  }
}
