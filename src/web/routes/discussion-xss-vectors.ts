/**
 * For tests: XSS vectors (a selection from the OWASP XSS filter evasion cheat sheet, plus Markdown
 * link forms) posted as comments, and a checker that finds anything in rendered comment HTML that
 * could run script or load from elsewhere.
 */
/** From the OWASP XSS filter evasion cheat sheet (a selection), as comment bodies. */
export const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<iframe src=https://xss.example/scriptlet.html <',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<TABLE BACKGROUND="javascript:alert(\'XSS\')">',
  '<DIV STYLE="background-image: url(javascript:alert(\'XSS\'))">',
  '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![img](javascript:alert(1))',
  '<a href="https://ok.example" onclick="alert(1)">ok</a>',
  '"><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<details open ontoggle=alert(1)>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '[x](&#106;avascript:alert(1))',
  '<base href="javascript:alert(1)//">',
  '<input autofocus onfocus=alert(1)>',
];

const ALLOWED_TAGS = new Set(
  'p br strong em del code pre blockquote ul ol li a hr h3 h4 h5 h6 table thead tbody tr th td input'.split(
    ' ',
  ),
);

/**
 * What in rendered comment HTML could run or load something: a tag outside the allowlist, an
 * attribute other than href/rel/start/align (and a task list's checkbox), or a link that is not
 * http(s), mailto or in-page. Escaped text (`&lt;script&gt;`) is text, not a tag.
 */
export function dangerous(html: string): string | null {
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    if (!ALLOWED_TAGS.has(name!.toLowerCase())) return `tag <${name}>`;
    for (const [, attr, value] of attributes!.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      const key = attr!.toLowerCase();
      if (name === 'input' && ['type', 'checked', 'disabled'].includes(key)) continue;
      if (!['href', 'rel', 'start', 'align'].includes(key)) return `attribute ${key} on <${name}>`;
      if (key === 'href' && !/^(?:https?:\/\/|mailto:|#)/i.test(value ?? '')) return `link ${value}`;
    }
  }
  return null;
}
