"""XSS payload catalogue: each kind carries a marker (id or class "xss-<n>" / "xss") so an injected element can
be found in the DOM, and calls alert(<n>) so an executed one opens a dialog (which fails the `page` fixture).

Kinds: script tags, event attributes, javascript:/data:/vbscript: URLs, SVG and MathML, CSS url()/expression(),
server template breakouts (Django {{ }} / {% %}), JS string and <script> breakouts, entity and double-decoding
tricks, iframe srcdoc, mXSS through noscript/style/namespace confusion, unicode escapes, template literals.
"""

PAYLOADS = [
    ("script tag", '<script id="xss-1">alert(1)</script>'),
    ("img onerror", '<img src="#" id="xss-2" onerror="alert(2)">'),
    ("javascript: link", '<a id="xss-3" href="javascript:alert(3)">click</a>'),
    ("svg onload", '<svg id="xss-4" onload="alert(4)"><circle r="1"/></svg>'),
    ("css url(javascript:)", '<div class="xss" style="background-image:url(javascript:alert(5))">css</div>'),
    ("css expression()", '<p class="xss" style="width:expression(alert(6))">old IE</p>'),
    ("django variable breakout", "{{ 7|add:1330 }}{{ request.META }}"),
    ("django tag breakout", '{% if 1 %}<b id="xss-8">{% endif %}{% csrf_token %}'),
    ("</script> breakout", '</script><script id="xss-9">alert(9)</script>'),
    ("JS single-quote breakout", "'-alert(10)-'"),
    ("JS double-quote breakout", '";alert(11);//'),
    ("double-decoded entities", '&lt;img src=# id="xss-12" onerror="alert(12)"&gt;'),
    ("data: URL", '<a id="xss-13" href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=">d</a>'),
    ("iframe srcdoc", '<iframe id="xss-14" srcdoc="&lt;script&gt;parent.alert(14)&lt;/script&gt;"></iframe>'),
    ("mXSS noscript", '<noscript><p title="</noscript><img src=# id=xss-15 onerror=alert(15)>"></noscript>'),
    ("mXSS svg style", "<svg><style><img src=# id=xss-16 onerror=alert(16)></style></svg>"),
    ("unicode escapes", "\\u003cimg src=# id=xss-17 onerror=alert(17)\\u003e"),
    ("mathml namespace confusion", "<math><mtext><table><mglyph><style><img src=# id=xss-18 onerror=alert(18)>"),
    ("details ontoggle", '<details open id="xss-19" ontoggle="alert(19)"><summary>s</summary></details>'),
    ("autofocus onfocus", '<input autofocus id="xss-20" onfocus="alert(20)">'),
    ("object data", '<object id="xss-21" data="javascript:alert(21)"></object>'),
    ("form action", '<form id="xss-22" action="javascript:alert(22)"><button>go</button></form>'),
    ("tab-split javascript: URL", '<a id="xss-23" href="jav&#x09;ascript:alert(23)">tab</a>'),
    ("base href", '<base id="xss-24" href="javascript:alert(24)//">'),
    ("meta refresh", '<meta id="xss-25" http-equiv="refresh" content="0;url=javascript:alert(25)">'),
    ("template literal", "${alert(26)}`;alert(26);`"),
    ("vbscript/uppercase scheme", '<a id="xss-27" href="JaVaScRiPt:alert(27)">case</a>'),
    ("attribute breakout", '" autofocus onfocus="alert(28)" x="'),
]
assert len(PAYLOADS) >= 20

# Template breakouts are caught by their output, not by an element: 7|add:1330 renders as 1337.
TEMPLATE_EVIDENCE = ("1337", "wsgi.input")

# Run in the page: every element that carries an xss marker or an executable attribute, described. The
# element ids of harmless markup a sanitiser may keep (an <a> without href, a <b>) are fine; what is
# reported is anything that could execute: a dangerous tag, an on* attribute, a script-bearing URL or style.
FIND_INJECTED = r"""
() => {
  const dangerous = new Set(['SCRIPT','IFRAME','OBJECT','EMBED','BASE','META','STYLE','LINK','FRAME']);
  const badUrl = /^\s*(javascript|data|vbscript)\s*:/i;
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    const marked = (el.id || '').startsWith('xss') || el.classList.contains('xss');
    for (const attr of el.attributes) {
      const v = attr.value || '';
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') && /alert\(/.test(v)) found.push(`${el.tagName} ${name}=${v}`);
      if (['href','src','action','data','formaction','xlink:href'].includes(name)
          && badUrl.test(v.replace(/[\t\n\r]/g, ''))) found.push(`${el.tagName} ${name}=${v}`);
      if (name === 'style' && /(expression\(|url\(\s*['"]?\s*javascript)/i.test(v))
        found.push(`${el.tagName} style=${v}`);
      if (name === 'srcdoc') found.push(`${el.tagName} srcdoc`);
    }
    if (marked && dangerous.has(el.tagName.toUpperCase())) found.push(`${el.tagName}#${el.id}`);
  }
  return found;
}
"""
