/**
 * TrackBack forms in the charset their Content-Type names: UTF-8 by default, ISO-8859-1,
 * Shift_JIS and EUC-JP as older blogs send them, raw (unescaped) bytes too, `+` as a space, and
 * odd input (bare %, unknown charset, __proto__) handled without surprises.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { charsetOf, decodeForm } from './form-charset.ts';

const form = (text: string) => Buffer.from(text, 'latin1');

test('the charset of a Content-Type', () => {
  assert.equal(charsetOf('application/x-www-form-urlencoded; charset=Shift_JIS'), 'shift_jis');
  assert.equal(charsetOf('application/x-www-form-urlencoded;charset="iso-8859-1"'), 'iso-8859-1');
  assert.equal(charsetOf('application/x-www-form-urlencoded'), null);
  assert.equal(charsetOf(undefined), null);
});

test('fields decoded in the declared charset', () => {
  assert.deepEqual(decodeForm(form('title=Caf%C3%A9+cr%C3%A8me&url=http%3A%2F%2Fa.example%2F'), null), {
    title: 'Café crème',
    url: 'http://a.example/',
  });
  assert.equal(decodeForm(form('title=Caf%E9'), 'iso-8859-1')['title'], 'Café');
  // 日本 in Shift_JIS (93 fa 96 7b) and in EUC-JP (c6 fc cb dc).
  assert.equal(decodeForm(form('blog_name=%93%FA%96%7B'), 'shift_jis')['blog_name'], '日本');
  assert.equal(decodeForm(form('blog_name=%C6%FC%CB%DC'), 'euc-jp')['blog_name'], '日本');
  // Raw bytes, not escaped, in the declared charset.
  assert.equal(decodeForm(Buffer.from([0x74, 0x3d, 0xe9]), 'iso-8859-1')['t'], 'é');
});

test('odd input', () => {
  assert.deepEqual(decodeForm(form('a=1%&b=%zz&&c&a=2'), 'no-such-charset'), { a: '2', b: '%zz', c: '' });
  const fields = decodeForm(form('__proto__=x'), null);
  assert.deepEqual(Object.entries(fields), [['__proto__', 'x']]);
  assert.equal(Object.getPrototypeOf(fields), Object.prototype);
});
