import { findMentions } from './mentions';

const members = [
  { id: 'kari', name: 'Kari Nilsen' },
  { id: 'per', name: 'Per Hansen' },
  { id: 'per2', name: 'Per Olsen' },
  { id: 'aina', name: 'Aina Lund' },
];

describe('findMentions', () => {
  it('finds a full name after @, whatever the case', () => {
    expect(findMentions('Takk @kari nilsen for hjelpen', members)).toEqual(['kari']);
  });

  it('finds a first name only when one member has it', () => {
    expect(findMentions('@Aina, kan du ta med skoene?', members)).toEqual(['aina']);
    expect(findMentions('@Per kan du ringe?', members)).toEqual([]);
    expect(findMentions('@Per Olsen kan du ringe?', members)).toEqual(['per2']);
  });

  it('needs the name to end at a word boundary and the @ to start one', () => {
    expect(findMentions('@Kariann var her', members)).toEqual([]);
    expect(findMentions('kari@Kari Nilsen', members)).toEqual([]);
    expect(findMentions('Hei @Kari.', members)).toEqual(['kari']);
  });

  it('finds nothing without an @', () => {
    expect(findMentions('Kari Nilsen og Per Hansen', members)).toEqual([]);
  });
});
