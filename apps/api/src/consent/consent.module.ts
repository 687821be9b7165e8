/** Consent (samtykke) to the plan and to each member seeing it. */
import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { ConsentController } from './consent.controller';
import { ConsentService } from './consent.service';

@Module({ imports: [PlansModule], controllers: [ConsentController], providers: [ConsentService], exports: [ConsentService] })
export class ConsentModule {}
