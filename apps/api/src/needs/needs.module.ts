/** Meldinger om behov for IP/koordinator: reported, triaged and given a coordinator by koordinerende enhet. */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TrainingModule } from '../training/training.module';
import { Need } from './need.entity';
import { NeedsController } from './needs.controller';
import { NeedsService } from './needs.service';

@Module({
  imports: [TypeOrmModule.forFeature([Need]), AccountsModule, NotificationsModule, TrainingModule],
  controllers: [NeedsController],
  providers: [NeedsService],
  exports: [NeedsService],
})
export class NeedsModule {}
