import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AccountView, MeView, Page } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { AccountsService } from './accounts.service';
import { CreateAccountDto, ListAccountsQueryDto, UpdateAccountDto, UpdateMeDto } from './dto/account.dto';

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

  @Get('accounts/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AccountView> {
    return this.accounts.get(actor, id);
  }

  @Patch('accounts/:id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAccountDto): Promise<AccountView> {
    return this.accounts.update(actor, id, dto);
  }
}
