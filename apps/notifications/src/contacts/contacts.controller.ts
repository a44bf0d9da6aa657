import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CreateContactDto, PARTY_TYPES, PreferencesDto } from './contact.dto';
import { Contacts } from './contacts';

class ContactsQuery {
  @ApiPropertyOptional({ enum: PARTY_TYPES }) @IsOptional() @IsIn(PARTY_TYPES) partyType?: string;
  @ApiPropertyOptional({ example: 'SEN' }) @IsOptional() @Matches(/^(\*|[A-Z0-9_-]{2,40})$/) partyCode?: string;
}

const EVERYONE = ['government', 'steering-committee', 'finance-officer', 'fund-admin'] as const;

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: Contacts) {}

  @Post()
  @Roles('fund-admin', 'government')
  @ApiOperation({
    summary: 'Register who is told: a government its own contacts; a fund admin any (G6: kept only here)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateContactDto) {
    return this.contacts.create(actor, dto);
  }

  @Get()
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Contacts you may see: all for a fund admin, your country for a government, else your own' })
  list(@CurrentActor() actor: Actor, @Query() query: ContactsQuery) {
    return this.contacts.list(actor, query);
  }

  @Get(':id')
  @Roles(...EVERYONE)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.contacts.get(actor, id);
  }

  @Put(':id/preferences')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Language and opt-outs per kind; reminders of reports owed cannot be refused (F12, M11)' })
  preferences(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PreferencesDto) {
    return this.contacts.setPreferences(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('fund-admin', 'government')
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.contacts.remove(actor, id);
  }
}
