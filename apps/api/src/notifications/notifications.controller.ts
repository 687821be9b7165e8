import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationPage, NotificationPreferences, NotificationView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ListNotificationsQueryDto, UpdateNotificationPreferencesDto, UpdatePhoneDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own notifications and e-mail preferences; nobody sees another's. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQueryDto): Promise<NotificationPage> {
    return this.notifications.list(actor, query);
  }

  @Get('preferences')
  preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferences> {
    return this.notifications.preferences(actor);
  }

  @Put('preferences')
  updatePreferences(@CurrentActor() actor: Actor, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferences> {
    return this.notifications.updatePreferences(actor, dto);
  }

  /** The caller's phone number for SMS: E.164, or 8 Norwegian digits (+47 is added); null removes it. */
  @Put('phone')
  setPhone(@CurrentActor() actor: Actor, @Body() dto: UpdatePhoneDto): Promise<NotificationPreferences> {
    return this.notifications.setPhone(actor, dto.phone);
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentActor() actor: Actor): Promise<{ updated: number }> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(actor, id);
  }
}
