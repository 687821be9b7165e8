import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ReminderRunResult } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('admin/reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** Runs the reminder job now for the caller's tenant (it also runs on a timer on every node). */
  @Post('run')
  @HttpCode(200)
  run(@CurrentActor() actor: Actor): Promise<ReminderRunResult> {
    return this.reminders.runFor(actor);
  }
}
