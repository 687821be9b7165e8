import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { MAX_COMMENT_LENGTH } from '#contracts';
import { MutationDto } from '../../plans/dto/plan.dto';

export class CreateCommentDto extends MutationDto {
  @ApiProperty({ example: 'Vi prøvde i dag, det gikk fint. @Per Hansen kan du se på hjelpemidlet?', maxLength: MAX_COMMENT_LENGTH })
  @IsString()
  @MaxLength(MAX_COMMENT_LENGTH)
  @Matches(/\S/, { message: 'body must not be empty' })
  body!: string;
}
