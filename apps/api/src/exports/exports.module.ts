/**
 * Exports: the plan leaving the system as a PDF, an archive copy (PDF/A-2 + metadata, document
 * type 9602) and an HL7 FHIR R4 bundle. Above the plan core and the features: it assembles the
 * plan from their exported services, and nothing below imports it (docs/exports.md).
 */
import { Logger, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { PlansModule } from '../plans/plans.module';
import { ArchiveService } from './archive.service';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { PdfRenderPool, pdfPoolOptionsFromEnv } from './pdf-render-pool';

@Module({
  imports: [PlansModule, AccountsModule, EvaluationsModule],
  controllers: [ExportsController],
  providers: [
    ExportsService,
    ArchiveService,
    {
      provide: PdfRenderPool,
      useFactory: () => {
        const logger = new Logger(PdfRenderPool.name);
        return new PdfRenderPool({ ...pdfPoolOptionsFromEnv(), warn: (m) => logger.warn(m) });
      },
    },
  ],
  exports: [ArchiveService],
})
export class ExportsModule {}
