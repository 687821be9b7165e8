/** The shared-text socket events' payloads (libs/contracts shared-text.ts). Binary Yjs messages are base64. */
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MAX_SHARED_TEXT_UPDATE_BYTES, SHARED_TEXT_ENTITY_TYPES, type SharedTextEntityType } from '#contracts';
import { PlanRefDto } from './realtime.dto';

/** Base64 of at most the largest update; one byte more is refused as too large, not here. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_MAX = Math.ceil(MAX_SHARED_TEXT_UPDATE_BYTES / 3) * 4 + 4096;
/** A relative position is a few dozen bytes. */
const POSITION_MAX = 200;

export class SharedTextRefDto extends PlanRefDto {
  @IsIn(SHARED_TEXT_ENTITY_TYPES) entityType!: SharedTextEntityType;
  @IsUUID() entityId!: string;
  @IsString() @Matches(/^[A-Za-z]{1,40}$/) field!: string;
}

export class TextOpenDto extends SharedTextRefDto {
  @IsString() @MaxLength(POSITION_MAX * 40) @Matches(BASE64) sync!: string;
}

export class TextUpdateDto extends SharedTextRefDto {
  /** Longer base64 than this is answered payload_too_large by the service before decoding. */
  @IsString() @MaxLength(BASE64_MAX * 2) @Matches(BASE64) update!: string;
}

/** `POST /api/plans/:planId/shared-text/updates`: a text update over HTTP (the plan is in the path). */
export class HttpTextUpdateDto {
  @IsIn(SHARED_TEXT_ENTITY_TYPES) entityType!: SharedTextEntityType;
  @IsUUID() entityId!: string;
  @IsString() @Matches(/^[A-Za-z]{1,40}$/) field!: string;
  @IsString() @MaxLength(BASE64_MAX * 2) @Matches(BASE64) update!: string;
}

export class TextCursorDto extends SharedTextRefDto {
  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(POSITION_MAX)
  @Matches(BASE64)
  anchor!: string | null;
  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(POSITION_MAX)
  @Matches(BASE64)
  head!: string | null;
}

export class TextPostDto extends PlanRefDto {
  @IsString() @Matches(/^[A-Za-z0-9._:-]{1,100}$/) clientMutationId!: string;
}
