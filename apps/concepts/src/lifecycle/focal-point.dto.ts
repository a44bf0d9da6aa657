import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** G6: personal data of the government's focal point; shown only to that government and to fund staff. */
export class FocalPointDto {
  @ApiProperty({ example: 'Maria Santos' }) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ example: 'm.santos@dfa.gov.ph' }) @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional({ example: '+63 2 8834 4000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,30}$/)
  phone?: string;
}
