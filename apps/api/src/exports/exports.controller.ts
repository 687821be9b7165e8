import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ArchiveCopyView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { NotAcceptable } from '../errors/domain-error';
import { ArchiveService } from './archive.service';
import { FhirExportQueryDto, PdfExportQueryDto } from './dto/export.dto';
import { ExportsService, type ExportedFile } from './exports.service';
import type { FhirBundle } from './fhir-bundle';

export const FHIR_JSON = 'application/fhir+json';

/** Whether an Accept header lets us answer with FHIR JSON (the only FHIR format we make). */
export function acceptsFhirJson(accept: string | undefined): boolean {
  if (!accept?.trim()) return true;
  return accept
    .split(',')
    .map((part) => part.split(';')[0].trim().toLowerCase())
    .some((type) => ['application/fhir+json', 'application/json', 'application/*', '*/*'].includes(type));
}

function download(res: Response, file: ExportedFile): StreamableFile {
  res.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(file.bytes, {
    type: file.mediaType,
    length: file.bytes.length,
    disposition: `attachment; filename="${file.fileName}"`,
  });
}

@ApiTags('exports')
@ApiBearerAuth()
@Controller('plans/:planId')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly archive: ArchiveService,
  ) {}

  @Get('pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() query: PdfExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return download(res, await this.exports.pdf(actor, planId, { large: query.size === 'large', lang: query.lang }));
  }

  @Get('fhir')
  @ApiProduces(FHIR_JSON)
  async fhir(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query() query: FhirExportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FhirBundle> {
    if (!query._format && !acceptsFhirJson(accept)) throw new NotAcceptable(`This resource is available as ${FHIR_JSON} only`);
    const bundle = await this.exports.fhir(actor, planId, query.lang);
    res.setHeader('Content-Type', `${FHIR_JSON}; charset=utf-8`);
    res.setHeader('Cache-Control', 'no-store');
    return bundle;
  }

  @Get('archive')
  archiveCopies(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<ArchiveCopyView[]> {
    return this.archive.list(actor, planId);
  }

  @Get('archive/:copyId')
  @ApiProduces('application/zip')
  async archiveCopy(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('copyId', ParseUUIDPipe) copyId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return download(res, await this.archive.download(actor, planId, copyId));
  }
}
