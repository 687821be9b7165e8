import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as sync from 'y-protocols/sync';
import {
  answerSyncStep1,
  applyChecked,
  checkUpdateShape,
  docFrom,
  InvalidUpdate,
  replaceTextUpdate,
  seedUpdate,
  syncStep1,
  textOf,
} from './ydoc';

function clientEdit(base: Y.Doc, edit: (t: Y.Text) => void): Uint8Array {
  const doc = docFrom([Y.encodeStateAsUpdate(base)]);
  const sv = Y.encodeStateVector(doc);
  edit(doc.getText('text'));
  return Y.encodeStateAsUpdate(doc, sv);
}

describe('shared text documents', () => {
  it('applies plain text edits from two writers, keeping both', () => {
    const server = docFrom([seedUpdate('Referat: ')]);
    const a = clientEdit(server, (t) => t.insert(9, 'Aina'));
    const b = clientEdit(server, (t) => t.insert(9, 'Kari'));
    expect(applyChecked(server, a, 100).changed).toBe(true);
    expect(applyChecked(server, b, 100).text).toMatch(/^Referat: (AinaKari|KariAina)$/);
    // The same update again changes nothing.
    expect(applyChecked(server, a, 100).changed).toBe(false);
  });

  it('refuses garbage, other root types, embeds and what exceeds the bound', () => {
    const server = docFrom([seedUpdate('abc')]);
    expect(() => checkUpdateShape(new Uint8Array([200, 1, 2, 3]))).toThrow(InvalidUpdate);
    const other = new Y.Doc();
    other.getMap('evil').set('x', 1);
    expect(() => applyChecked(server, Y.encodeStateAsUpdate(other), 100)).toThrow(InvalidUpdate);
    const embed = clientEdit(server, (t) => t.insertEmbed(0, { img: 'x' }));
    expect(() => applyChecked(server, embed, 100)).toThrow(InvalidUpdate);
    const long = clientEdit(server, (t) => t.insert(0, 'x'.repeat(200)));
    expect(() => applyChecked(docFrom([Y.encodeStateAsUpdate(server)]), long, 100)).toThrow(/longer than 100/);
  });

  it('refuses an update that depends on changes the server never had', () => {
    const server = docFrom([seedUpdate('abc')]);
    const client = docFrom([Y.encodeStateAsUpdate(server)]);
    client.getText('text').insert(3, 'd');
    const sv = Y.encodeStateVector(client);
    client.getText('text').insert(4, 'e');
    const onlySecond = Y.encodeStateAsUpdate(client, sv);
    expect(() => applyChecked(server, onlySecond, 100)).toThrow(/depends on/);
  });

  it('turns the text into another by replacing one span', () => {
    const doc = docFrom([seedUpdate('Bo i egen leilighet')]);
    const update = replaceTextUpdate(doc, 'Bo i min egen leilighet');
    expect(update).not.toBeNull();
    expect(textOf(docFrom([seedUpdate('Bo i egen leilighet'), update!]))).not.toBe(''); // applies
    expect(textOf(doc)).toBe('Bo i min egen leilighet');
    expect(replaceTextUpdate(doc, 'Bo i min egen leilighet')).toBeNull();
  });

  it('answers sync step 1 with what the client lacks', () => {
    const server = docFrom([seedUpdate('hei')]);
    const client = new Y.Doc();
    const answer = answerSyncStep1(server, syncStep1(client));
    const decoder = decoding.createDecoder(answer);
    expect(decoding.readVarUint(decoder)).toBe(sync.messageYjsSyncStep2);
    Y.applyUpdate(client, decoding.readVarUint8Array(decoder));
    expect(client.getText('text').toString()).toBe('hei');
    expect(() => answerSyncStep1(server, new Uint8Array([1, 2, 3]))).toThrow(InvalidUpdate);
  });
});
