/**
 * A small, strict XML-RPC reader and writer, enough for Pingback (receiving `pingback.ping` and
 * reading the answer when we send one). The reader is a hand-written tokenizer, not a general XML
 * parser: no DOCTYPE, no entity declarations (so no entity expansion of any kind), only the five
 * predefined entities and numeric character references, bounded size, depth and element count.
 * Anything else is a parse error, answered with the XML-RPC fault -32700.
 */

export type XmlRpcValue =
  | string
  | number
  | boolean
  | null
  | XmlRpcValue[]
  | { [member: string]: XmlRpcValue }
  | { base64: string }
  | { dateTime: string };

export class XmlRpcParseError extends Error {}

/** The request sizes we read at most (a pingback call is a few hundred bytes). */
export const MAX_XMLRPC_BYTES = 64 * 1024;
const MAX_DEPTH = 24;
const MAX_ELEMENTS = 2000;

interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Character data directly inside, concatenated (entities decoded, CDATA included). */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&([^;&\s]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlRpcParseError('a bare & in the text');
    if (PREDEFINED[ref] !== undefined) return PREDEFINED[ref]!;
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (!numeric) throw new XmlRpcParseError(`unknown entity &${ref}; (entities are not expanded)`);
    const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw new XmlRpcParseError(`character reference &${ref}; is not allowed in XML`);
    return String.fromCodePoint(code);
  });
}

/** The document as an element tree (attributes are read and ignored: XML-RPC has none). */
function parseXml(xml: string): XmlElement {
  if (xml.length > MAX_XMLRPC_BYTES) throw new XmlRpcParseError('the request is too large');
  let i = 0;
  // An optional byte order mark and XML declaration.
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  const declaration = /^<\?xml\s[^?]*\?>/.exec(xml.slice(i));
  if (declaration) i += declaration[0].length;
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  let elements = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      if (text.includes('>') && /]]>/.test(text)) throw new XmlRpcParseError(']]> in the text');
      const parent = stack[stack.length - 1]!;
      if (stack.length === 1) {
        if (text.trim() !== '') throw new XmlRpcParseError('text outside the root element');
      } else parent.text += decodeText(text);
      i = textEnd;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) throw new XmlRpcParseError('an unclosed comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1 || stack.length === 1) throw new XmlRpcParseError('a misplaced CDATA section');
      stack[stack.length - 1]!.text += xml.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', i)) throw new XmlRpcParseError('DOCTYPE and declarations are not accepted');
    if (xml.startsWith('<?', i)) throw new XmlRpcParseError('processing instructions are not accepted');
    const gt = xml.indexOf('>', i);
    if (gt === -1) throw new XmlRpcParseError('an unclosed tag');
    const tag = xml.slice(i + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || stack.length === 0 || open.name !== name) {
        throw new XmlRpcParseError(`the closing tag </${name}> does not match`);
      }
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
    if (!NAME.test(name)) throw new XmlRpcParseError('a malformed tag');
    const attributes = body.slice(name.length);
    if (!/^(?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*$/.test(attributes)) {
      throw new XmlRpcParseError(`malformed attributes on <${name}>`);
    }
    if (stack.length === 1 && root.children.length > 0) throw new XmlRpcParseError('two root elements');
    if (++elements > MAX_ELEMENTS) throw new XmlRpcParseError('too many elements');
    const element: XmlElement = { name, children: [], text: '' };
    stack[stack.length - 1]!.children.push(element);
    if (!selfClosing) {
      stack.push(element);
      if (stack.length > MAX_DEPTH) throw new XmlRpcParseError('nested too deeply');
    }
  }
  if (stack.length !== 1) throw new XmlRpcParseError(`<${stack[stack.length - 1]!.name}> is not closed`);
  const top = root.children[0];
  if (!top) throw new XmlRpcParseError('no root element');
  return top;
}

function only(element: XmlElement, name: string): XmlElement {
  const matches = element.children.filter((c) => c.name === name);
  if (matches.length !== 1) throw new XmlRpcParseError(`<${element.name}> needs exactly one <${name}>`);
  return matches[0]!;
}

function noText(element: XmlElement): void {
  if (element.text.trim() !== '') throw new XmlRpcParseError(`text inside <${element.name}>`);
}

function readValue(value: XmlElement): XmlRpcValue {
  if (value.children.length === 0) return value.text; // a bare value is a string
  noText(value);
  if (value.children.length !== 1) throw new XmlRpcParseError('<value> holds one type element');
  const typed = value.children[0]!;
  const text = typed.text;
  const leaf = () => {
    if (typed.children.length > 0) throw new XmlRpcParseError(`<${typed.name}> holds text only`);
  };
  switch (typed.name) {
    case 'string':
      leaf();
      return text;
    case 'i4':
    case 'int':
    case 'i8': {
      leaf();
      if (!/^\s*[+-]?\d{1,19}\s*$/.test(text)) throw new XmlRpcParseError(`not an integer: ${text}`);
      return Number(text);
    }
    case 'boolean':
      leaf();
      if (text.trim() !== '0' && text.trim() !== '1') throw new XmlRpcParseError('a boolean is 0 or 1');
      return text.trim() === '1';
    case 'double': {
      leaf();
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new XmlRpcParseError(`not a number: ${text}`);
      return n;
    }
    case 'base64':
      leaf();
      return { base64: text.replace(/\s+/g, '') };
    case 'dateTime.iso8601':
      leaf();
      return { dateTime: text.trim() };
    case 'nil':
      leaf();
      return null;
    case 'array': {
      noText(typed);
      const data = only(typed, 'data');
      noText(data);
      return data.children.map((v) => {
        if (v.name !== 'value') throw new XmlRpcParseError('<data> holds <value> elements');
        return readValue(v);
      });
    }
    case 'struct': {
      noText(typed);
      const out: { [member: string]: XmlRpcValue } = {};
      for (const member of typed.children) {
        if (member.name !== 'member') throw new XmlRpcParseError('<struct> holds <member> elements');
        noText(member);
        // defineProperty: a member named __proto__ is a plain key, never the prototype.
        Object.defineProperty(out, only(member, 'name').text, {
          value: readValue(only(member, 'value')),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    default:
      throw new XmlRpcParseError(`unknown value type <${typed.name}>`);
  }
}

export interface MethodCall {
  method: string;
  params: XmlRpcValue[];
}

/** Reads an XML-RPC `<methodCall>`; throws XmlRpcParseError on anything malformed. */
export function parseMethodCall(xml: string): MethodCall {
  const call = parseXml(xml);
  if (call.name !== 'methodCall') throw new XmlRpcParseError('the root element is not <methodCall>');
  noText(call);
  const method = only(call, 'methodName').text.trim();
  if (!/^[A-Za-z0-9_.:/]{1,100}$/.test(method)) throw new XmlRpcParseError('a malformed method name');
  const paramsElement = call.children.find((c) => c.name === 'params');
  const params: XmlRpcValue[] = [];
  if (paramsElement) {
    noText(paramsElement);
    for (const param of paramsElement.children) {
      if (param.name !== 'param') throw new XmlRpcParseError('<params> holds <param> elements');
      noText(param);
      params.push(readValue(only(param, 'value')));
    }
  }
  return { method, params };
}

export type MethodResponse = { fault: { code: number; message: string } } | { value: XmlRpcValue };

/** Reads an XML-RPC `<methodResponse>` (when we send a pingback). */
export function parseMethodResponse(xml: string): MethodResponse {
  const response = parseXml(xml);
  if (response.name !== 'methodResponse')
    throw new XmlRpcParseError('the root element is not <methodResponse>');
  noText(response);
  const fault = response.children.find((c) => c.name === 'fault');
  if (fault) {
    const value = readValue(only(fault, 'value'));
    const struct = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return {
      fault: {
        code: typeof struct['faultCode'] === 'number' ? struct['faultCode'] : 0,
        message: typeof struct['faultString'] === 'string' ? struct['faultString'] : '',
      },
    };
  }
  const params = only(response, 'params');
  return { value: readValue(only(only(params, 'param'), 'value')) };
}

/** Text escaped for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** A successful answer with one string value. */
export function responseXml(value: string): string {
  return `${DECLARATION}<methodResponse><params><param><value><string>${escapeXml(value)}</string></value></param></params></methodResponse>\n`;
}

/** A fault answer. */
export function faultXml(code: number, message: string): string {
  return (
    `${DECLARATION}<methodResponse><fault><value><struct>` +
    `<member><name>faultCode</name><value><int>${Math.trunc(code)}</int></value></member>` +
    `<member><name>faultString</name><value><string>${escapeXml(message)}</string></value></member>` +
    `</struct></value></fault></methodResponse>\n`
  );
}

/** A call with string parameters (what we send: pingback.ping). */
export function methodCallXml(method: string, params: string[]): string {
  const body = params.map((p) => `<param><value><string>${escapeXml(p)}</string></value></param>`).join('');
  return `${DECLARATION}<methodCall><methodName>${escapeXml(method)}</methodName><params>${body}</params></methodCall>\n`;
}
