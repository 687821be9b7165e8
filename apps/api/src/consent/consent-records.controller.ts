import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ChangeResult, ConsentReminderResult, ConsentStatusView, ConsentWaitView, RecordedConsentView } from '#contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { DomainError } from '../errors/domain-error';
import { ConsentRecordsService } from './consent-records.service';
import { RecordConsentDto } from './dto/consent.dto';

/** Consent recorded from paper or speech, its scanned document, what is missing, reminders. */
@ApiTags('consent')
@ApiBearerAuth()
@Controller('plans/:planId/consents')
export class ConsentRecordsController {
  constructor(private readonly records: ConsentRecordsService) {}

  @Post('recorded')
  record(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() dto: RecordConsentDto,
  ): Promise<ChangeResult<RecordedConsentView>> {
    return this.records.record(actor, planId, dto);
  }

  /** The scanned paper: the raw bytes as the body, with their media type. */
  @Put('records/:recordId/document')
  @ApiConsumes('application/pdf', 'image/png', 'image/jpeg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  attach(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @Req() req: Request,
  ): Promise<ChangeResult> {
    const length = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : null;
    return this.records.attachDocument(actor, planId, recordId, contentType, length, (limit) => readBody(req, limit));
  }

  @Get('records/:recordId/document')
  async download(
    @CurrentActor() actor: Actor,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @Res() res: Response,
  ): Promise<void> {
    const doc = await this.records.document(actor, planId, recordId);
    const ext = doc.contentType === 'application/pdf' ? 'pdf' : doc.contentType === 'image/png' ? 'png' : 'jpg';
    res.setHeader('content-type', doc.contentType);
    res.setHeader('content-disposition', `attachment; filename="samtykke.${ext}"`);
    res.setHeader('x-content-sha256', doc.sha256);
    res.send(doc.data);
  }

  @Get('status')
  status(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<ConsentStatusView> {
    return this.records.status(actor, planId);
  }

  @Post('reminders')
  @HttpCode(201)
  remind(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<ConsentReminderResult> {
    return this.records.remind(actor, planId);
  }

  @Get('waiting')
  waiting(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<ConsentWaitView> {
    return this.records.waiting(actor, planId);
  }
}

/** Reads the request body up to `limit` bytes; one byte more is enough to know it is too large. */
async function readBody(req: Request, limit: number): Promise<Buffer> {
  if (req.readableEnded || Buffer.isBuffer(req.body)) return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new DomainError('payload_too_large', 413, 'The scan is larger than 10 MB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
