import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SeenDto {
  @ApiProperty({ description: 'The plan revision the caller has seen up to', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  revision!: number;
}
