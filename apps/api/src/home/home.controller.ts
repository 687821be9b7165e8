import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HomeView, SeenView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { SeenDto } from './dto/seen.dto';
import { HomeService } from './home.service';

@ApiTags('home')
@ApiBearerAuth()
@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get('me/home')
  get(@CurrentActor() actor: Actor): Promise<HomeView> {
    return this.home.home(actor);
  }

  @Post('plans/:planId/seen')
  @HttpCode(200)
  seen(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string, @Body() dto: SeenDto): Promise<SeenView> {
    return this.home.markSeen(actor, planId, dto);
  }
}
