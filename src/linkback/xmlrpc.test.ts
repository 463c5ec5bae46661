/**
 * The XML-RPC reader and writer: a pingback call is read, every value type, and whatever is not
 * strictly well-formed XML-RPC is refused: DOCTYPE and entity declarations (no expansion, no
 * billion laughs, no external entities), unknown entities, mismatched tags, text where none
 * belongs, too deep or too large documents. Answers and faults round-trip through the reader.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  faultXml,
  methodCallXml,
  parseMethodCall,
  parseMethodResponse,
  responseXml,
  XmlRpcParseError,
} from './xmlrpc.ts';

const ping = (a: string, b: string) =>
  `<?xml version="1.0"?>\n<methodCall>\n  <methodName>pingback.ping</methodName>\n  <params>\n` +
  `    <param><value><string>${a}</string></value></param>\n` +
  `    <param><value>${b}</value></param>\n  </params>\n</methodCall>\n`;

test('a pingback call is read, bare values are strings, entities decoded', () => {
  const call = parseMethodCall(ping('http://a.example/x?p=1&amp;q=2', 'http://b.example/&#x63;able'));
  assert.equal(call.method, 'pingback.ping');
  assert.deepEqual(call.params, ['http://a.example/x?p=1&q=2', 'http://b.example/cable']);
});

test('every value type', () => {
  const call = parseMethodCall(
    '<methodCall><methodName>x.y</methodName><params>' +
      '<param><value><int>42</int></value></param>' +
      '<param><value><i4>-7</i4></value></param>' +
      '<param><value><boolean>1</boolean></value></param>' +
      '<param><value><double>2.5</double></value></param>' +
      '<param><value><base64>aGk=</base64></value></param>' +
      '<param><value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value></param>' +
      '<param><value><array><data><value>a</value><value><int>1</int></value></data></array></value></param>' +
      '<param><value><struct><member><name>k</name><value><string><![CDATA[<v>]]></string></value></member></struct></value></param>' +
      '<param><value><nil/></value></param>' +
      '</params></methodCall>',
  );
  assert.deepEqual(call.params, [
    42,
    -7,
    true,
    2.5,
    { base64: 'aGk=' },
    { dateTime: '19980717T14:08:55' },
    ['a', 1],
    { k: '<v>' },
    null,
  ]);
});

test('no DOCTYPE, no entity declarations, no unknown entities', () => {
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>' +
    '<methodCall><methodName>pingback.ping</methodName><params><param><value>&lol2;</value></param></params></methodCall>';
  assert.throws(() => parseMethodCall(laughs), XmlRpcParseError);
  const external =
    '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><methodCall><methodName>a</methodName></methodCall>';
  assert.throws(() => parseMethodCall(external), XmlRpcParseError);
  assert.throws(() => parseMethodCall(ping('&xxe;', 'b')), /unknown entity/);
  assert.throws(() => parseMethodCall(ping('a & b', 'b')), XmlRpcParseError);
  assert.throws(() => parseMethodCall(ping('&#0;', 'b')), XmlRpcParseError);
});

test('malformed documents are refused', () => {
  for (const bad of [
    '',
    'not xml',
    '<methodCall><methodName>a</methodName>',
    '<methodCall><methodName>a</methodName></methodcall>',
    '<methodResponse></methodResponse>',
    '<methodCall><methodName>a</methodName><params><param><value><int>x</int></value></param></params></methodCall>',
    '<methodCall><methodName>a</methodName><params><param><value><bogus/></value></param></params></methodCall>',
    '<methodCall><methodName>a</methodName><params>text<param><value>a</value></param></params></methodCall>',
    '<methodCall><methodName>a</methodName></methodCall><methodCall/>',
    '<methodCall><?php x ?><methodName>a</methodName></methodCall>',
    '<methodCall><methodName a=b>a</methodName></methodCall>',
    `<methodCall><methodName>a</methodName><params><param><value>${'<array><data><value>'.repeat(30)}x${'</value></data></array>'.repeat(30)}</value></param></params></methodCall>`,
    `<methodCall><methodName>a</methodName><params>${'<param><value>x</value></param>'.repeat(1100)}</params></methodCall>`,
  ]) {
    assert.throws(() => parseMethodCall(bad), XmlRpcParseError, bad.slice(0, 80));
  }
  assert.throws(() => parseMethodCall(`<methodCall>${' '.repeat(70_000)}</methodCall>`), /too large/);
});

test('answers and faults are well-formed and read back', () => {
  assert.deepEqual(parseMethodResponse(responseXml('ok <&>')), { value: 'ok <&>' });
  assert.deepEqual(parseMethodResponse(faultXml(17, 'no "link"')), {
    fault: { code: 17, message: 'no "link"' },
  });
  const call = parseMethodCall(methodCallXml('pingback.ping', ['http://a/?x=1&y=<2>', 'http://b/']));
  assert.deepEqual(call, { method: 'pingback.ping', params: ['http://a/?x=1&y=<2>', 'http://b/'] });
});
