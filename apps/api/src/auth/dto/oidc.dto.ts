import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class OidcStartQueryDto {
  @ApiPropertyOptional({ description: 'A path on this site to continue to after the login.', example: '/plans' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  returnTo?: string;
}
