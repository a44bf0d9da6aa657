import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { LANGUAGES, Language } from '../messages/catalogue';
import { NOTICE_KINDS, NoticeKind } from '../notices/notices';

export const PARTY_TYPES = ['government', 'organisation', 'fund-staff', 'fund-admin'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

/** Someone Fundline tells things to. Personal data (G6): kept only by the notifier, never in events or reports. */
export class CreateContactDto {
  @ApiProperty({ enum: PARTY_TYPES }) @IsIn(PARTY_TYPES) partyType: PartyType;

  @ApiProperty({
    example: 'SEN',
    description:
      'government: its ISO 3166-1 alpha-3 country; organisation: its code (IOM, UNDP…); fund-staff: a fund code or * for every fund; fund-admin: *',
  })
  @Matches(/^(\*|[A-Z0-9_-]{2,40})$/)
  partyCode: string;

  @ApiProperty({ example: 'Awa Diop' }) @IsString() @Length(1, 200) name: string;

  @ApiProperty({ example: 'focal.point@example.gov' }) @IsEmail() @MaxLength(254) email: string;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    description: 'Default: French or Spanish by country for a government, else English',
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    description: 'The user id (token subject) of this person, so they manage their own preferences',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  userId?: string;
}

export class PreferencesDto {
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: Language;

  @ApiPropertyOptional({
    enum: NOTICE_KINDS,
    isArray: true,
    description:
      'Kinds not to receive. Reminders of reports owed (obligation-*) are contractual and cannot be refused.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTICE_KINDS.length)
  @IsIn(NOTICE_KINDS, { each: true })
  optOut?: NoticeKind[];
}
