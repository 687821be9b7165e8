import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DeletedItemView, Page } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { PageDto } from '../plans/dto/plan.dto';
import { DeletedItemsService } from './deleted-items.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans/:planId/deleted')
export class DeletedItemsController {
  constructor(private readonly deleted: DeletedItemsService) {}

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() page: PageDto,
  ): Promise<Page<DeletedItemView>> {
    return this.deleted.list(actor, planId, page);
  }
}
