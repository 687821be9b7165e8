/**
 * Training (opplæring) of coordinators: courses, completions with expiry, and each
 * coordinator's training status and caseload, used to warn at appointment.
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { CoordinatorsService } from './coordinators.service';
import { CourseCompletion } from './course-completion.entity';
import { Course } from './course.entity';
import { TrainingController } from './training.controller';
import { TrainingService } from './training.service';

@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseCompletion]), AccountsModule],
  controllers: [TrainingController],
  providers: [TrainingService, CoordinatorsService],
  exports: [TrainingService, CoordinatorsService],
})
export class TrainingModule {}
