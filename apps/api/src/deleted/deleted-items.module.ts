/** What was deleted from a plan and can be restored (the restores themselves live with each feature). */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { DeletedItemsController } from './deleted-items.controller';
import { DeletedItemsService } from './deleted-items.service';

@Module({ imports: [PlansModule], controllers: [DeletedItemsController], providers: [DeletedItemsService] })
export class DeletedItemsModule {}
