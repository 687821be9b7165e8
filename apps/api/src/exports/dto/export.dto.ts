import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const EXPORT_LANGUAGES = ['nb', 'en'] as const;

export class ExportLanguageDto {
  @ApiPropertyOptional({ enum: EXPORT_LANGUAGES, description: "The document's language; default the person's own (else bokmål)" })
  @IsOptional()
  @IsIn(EXPORT_LANGUAGES)
  lang?: (typeof EXPORT_LANGUAGES)[number];
}

export class PdfExportQueryDto extends ExportLanguageDto {
  @ApiPropertyOptional({ enum: ['normal', 'large'], description: 'large: the large-text variant' })
  @IsOptional()
  @IsIn(['normal', 'large'])
  size?: 'normal' | 'large';
}

/** FHIR's own format parameter (`_format=json`), as an alternative to the Accept header. */
export const FHIR_FORMATS = ['json', 'application/json', 'application/fhir+json'] as const;

export class FhirExportQueryDto extends ExportLanguageDto {
  @ApiPropertyOptional({ enum: FHIR_FORMATS, name: '_format' })
  @IsOptional()
  @IsIn(FHIR_FORMATS)
  _format?: (typeof FHIR_FORMATS)[number];
}
