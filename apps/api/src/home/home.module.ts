/** The person's home ("Min plan") across their plans, and each member's "seen up to" marker. */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';

@Module({ imports: [PlansModule, RealtimeModule], controllers: [HomeController], providers: [HomeService] })
export class HomeModule {}
