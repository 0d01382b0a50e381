<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-html.xsl (XSLT 1.0): a self-contained reading page for one TEI memo.

  The header in brief (title, date, witnesses, repository, licence); the memo with its
  paragraphs and labels; page breaks with their numbers; page furniture (catchwords,
  page numbers, classification markings) and stamps set off as boxes; unclear, surplus
  and hi styled. Where the copies are merged (app/rdg), a control at the top reads the
  reading text (the default: each app's lem, corrections applied, furniture and noise
  hidden, the other readings in the lem's tooltip), all the copies, or one copy: pure CSS
  (radio buttons), no script, no network. A space stands between the readings of an app,
  so that the page's extracted text never glues two readings into one word. Decorations
  (page labels, variant types, witness names, corrections) are CSS generated content, so
  the page's own text is the memo's text. TEI the project did not write is rendered with
  every element's text kept (unknown elements become spans named after them).

  Encoded from an OCR engine's hOCR, ALTO or PAGE XML (a facsimile), each page's image
  stands beside its text at the page break (an inline SVG: the image and a box per line
  zone), and each line starts with a small link to its zone: following it (a click,
  Enter) highlights the zone with CSS alone (:target); a few lines of script, written
  only for such pages, also highlight it while the link is hovered or focused.

  Runs in lxml, xsltproc, browsers and Saxon:  xsltproc tei-to-html.xsl memo.xml > memo.html
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                exclude-result-prefixes="tei">

  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="witnesses" select="//tei:listWit/tei:witness[@xml:id]"/>
  <xsl:variable name="facsimile" select="/tei:TEI/tei:facsimile"/>
  <xsl:key name="ids" match="tei:*[@xml:id]" use="@xml:id"/>
  <xsl:variable name="switchable" select="count($witnesses) &gt; 1"/>
  <xsl:variable name="has-lem" select="boolean(//tei:app/tei:lem)"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="normalize-space(/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])"/></title>
        <style>
          <xsl:call-template name="css"/>
          <xsl:if test="$facsimile"><xsl:call-template name="facsimile-css"/></xsl:if>
          <xsl:for-each select="$witnesses">
            <xsl:variable name="id" select="@xml:id"/>
            #show-<xsl:value-of select="$id"/>:checked ~ main .w:not(.w-<xsl:value-of select="$id"/>) { display: none; }
            #show-<xsl:value-of select="$id"/>:checked ~ nav label[for="show-<xsl:value-of select="$id"/>"] { background: #234; color: #fff; }
          </xsl:for-each>
        </style>
      </head>
      <body>
        <xsl:apply-templates select="/tei:TEI/tei:teiHeader" mode="summary"/>
        <xsl:if test="$switchable">
          <xsl:if test="$has-lem">
            <input type="radio" name="wit" id="show-reading" checked="checked"/>
          </xsl:if>
          <input type="radio" name="wit" id="show-all">
            <xsl:if test="not($has-lem)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <xsl:for-each select="$witnesses">
            <input type="radio" name="wit" id="show-{@xml:id}"/>
          </xsl:for-each>
          <nav aria-label="copies">
            <span class="nav-title">Read:</span>
            <xsl:if test="$has-lem"><label for="show-reading">reading text</label></xsl:if>
            <label for="show-all">all copies</label>
            <xsl:for-each select="$witnesses">
              <label for="show-{@xml:id}">copy <xsl:value-of select="@xml:id"/></label>
            </xsl:for-each>
            <span class="legend"><span class="app app-ocr">ocr</span> <span class="app app-substantive">substantive</span> <span class="app app-layout">layout</span></span>
          </nav>
        </xsl:if>
        <main>
          <xsl:apply-templates select="/tei:TEI/tei:text"/>
        </main>
        <xsl:if test="$facsimile">
          <script>
            // Hovering or focusing a line's link highlights its zone on the page image.
            function mark(event, on) {
              var link = event.target.closest ? event.target.closest("a.ln") : null;
              var zone = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
              if (zone) zone.classList.toggle("hl", on);
            }
            ["mouseover", "focusin"].forEach(function (e) { document.addEventListener(e, function (v) { mark(v, true); }); });
            ["mouseout", "focusout"].forEach(function (e) { document.addEventListener(e, function (v) { mark(v, false); }); });
          </script>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- === the header in brief === -->
  <xsl:template match="tei:teiHeader" mode="summary">
    <header>
      <h1><xsl:value-of select="normalize-space(tei:fileDesc/tei:titleStmt/tei:title[1])"/></h1>
      <dl>
        <xsl:variable name="date" select="(tei:profileDesc/tei:creation/tei:date | .//tei:origDate | tei:fileDesc/tei:sourceDesc//tei:date)[1]"/>
        <xsl:if test="$date">
          <dt>Date</dt><dd><xsl:value-of select="normalize-space($date)"/></dd>
        </xsl:if>
        <xsl:if test=".//tei:msIdentifier/tei:repository">
          <dt>Repository</dt><dd><xsl:value-of select="normalize-space(.//tei:msIdentifier/tei:repository)"/></dd>
        </xsl:if>
        <xsl:if test="tei:fileDesc/tei:publicationStmt/tei:publisher">
          <dt>Publisher</dt><dd><xsl:value-of select="normalize-space(tei:fileDesc/tei:publicationStmt/tei:publisher)"/></dd>
        </xsl:if>
        <xsl:variable name="availability" select="tei:fileDesc/tei:publicationStmt/tei:availability"/>
        <xsl:if test="$availability">
          <dt>Licence</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$availability/tei:licence">
                <xsl:value-of select="normalize-space($availability/tei:licence)"/>
                <xsl:if test="$availability/tei:licence/@target"> (<xsl:value-of select="$availability/tei:licence/@target"/>)</xsl:if>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space($availability)"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:if>
        <xsl:if test="$witnesses">
          <dt>Witnesses</dt>
          <dd>
            <ul>
              <xsl:for-each select="$witnesses">
                <li><b><xsl:value-of select="@xml:id"/></b>: <xsl:value-of select="normalize-space(.)"/></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
      </dl>
    </header>
  </xsl:template>

  <!-- === structure === -->
  <xsl:template match="tei:text">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- The per-copy layout: one section per copy, switchable like readings. -->
  <xsl:template match="tei:group/tei:text">
    <xsl:variable name="id" select="substring-after(@corresp, '#')"/>
    <section class="copy w w-{$id}" data-wit="{$id}">
      <h2 class="copy-title">Copy <xsl:value-of select="$id"/></h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:body | tei:front | tei:back | tei:group | tei:div | tei:opener | tei:closer">
    <div class="{local-name()}"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:head">
    <h2 class="head"><xsl:apply-templates/></h2>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:dateline | tei:signed | tei:salute | tei:opener/tei:seg | tei:closer/tei:seg">
    <p class="{local-name()} {@type}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:label">
    <b class="label"><xsl:apply-templates/></b>
  </xsl:template>

  <!-- === breaks and furniture === -->
  <xsl:template match="tei:pb">
    <span data-n="{@n}">
      <xsl:call-template name="owners"><xsl:with-param name="base" select="'pb'"/></xsl:call-template>
    </span>
    <xsl:variable name="pb" select="."/>
    <!-- the page image once, at the first page break on it (a turn the analysis found
         inside an engine's page points at the same surface) -->
    <xsl:for-each select="key('ids', substring-after(@facs, '#'))[self::tei:surface]
                          [not($pb/preceding::tei:pb[@facs = $pb/@facs])]">
      <span>
        <xsl:for-each select="$pb"><xsl:call-template name="owners"><xsl:with-param name="base" select="'facs'"/></xsl:call-template></xsl:for-each>
        <xsl:variable name="width" select="@lrx - @ulx"/>
        <xsl:variable name="height" select="@lry - @uly"/>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="{@ulx} {@uly} {$width} {$height}" role="img"
             aria-label="page image {@n}">
          <xsl:if test="tei:graphic">
            <image href="{tei:graphic/@url}" x="{@ulx}" y="{@uly}" width="{$width}" height="{$height}"/>
          </xsl:if>
          <xsl:for-each select="tei:zone[@type = 'line']">
            <rect id="{@xml:id}" x="{@ulx}" y="{@uly}" width="{@lrx - @ulx}" height="{@lry - @uly}"/>
          </xsl:for-each>
        </svg>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- A line linked to its zone: the link, and a line break unless it opens its block. -->
  <xsl:template match="tei:lb[@facs]">
    <xsl:if test="preceding-sibling::* or preceding-sibling::text()[normalize-space()]">
      <br>
        <xsl:call-template name="owners"><xsl:with-param name="base" select="'lb'"/></xsl:call-template>
      </br>
    </xsl:if>
    <xsl:call-template name="facs-link"/>
  </xsl:template>

  <!-- A line that is furniture or noise links to its zone as a text line does. -->
  <xsl:template name="facs-link">
    <xsl:if test="@facs">
      <a class="ln" href="{@facs}" title="this line on the page image"></a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb">
    <br>
      <xsl:call-template name="owners"><xsl:with-param name="base" select="'lb'"/></xsl:call-template>
    </br>
  </xsl:template>

  <xsl:template match="tei:milestone">
    <span data-type="{@type}">
      <xsl:call-template name="owners"><xsl:with-param name="base" select="'milestone'"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="tei:fw">
    <span class="fw fw-{@type} place-{@place}" title="{@type}"><xsl:call-template name="facs-link"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:note[@type = 'stamp']">
    <span class="stamp-note" title="stamp"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:stamp">
    <span class="stamp"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Stray OCR marks between blocks: the unclear inside says what they are. -->
  <xsl:template match="tei:note[@type = 'noise']">
    <span class="noise-note"><xsl:call-template name="facs-link"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A note the OCR engine found in the margin: shown as "[note in the margin: ...]", linked to its zone. -->
  <xsl:template match="tei:note[@type = 'marginal']">
    <span class="note margin-note" data-n="in the margin"><xsl:call-template name="facs-link"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:note">
    <span class="note" data-n="{@n}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- === the OCR's doubts and the typist's marks === -->
  <xsl:template match="tei:unclear">
    <span class="unclear unclear-{@reason}" title="unclear: {@reason}"><xsl:call-template name="facs-link"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:surplus">
    <span class="surplus" title="repeated by the OCR"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap" title="gap: {@reason}"><xsl:call-template name="facs-link"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- a word linked to its zone (the class is not "w": that one marks a copy's own) -->
  <xsl:template match="tei:w">
    <span class="word"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:hi">
    <span class="hi rend-{translate(normalize-space(@rend), ' ', '-')}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Both forms are text of the page: the OCR's (shown in the copies) and the correction
       (shown in the reading text, marked); CSS shows one. The hidden space between them
       keeps them two words for readers of the page's text that ignore CSS. -->
  <xsl:template match="tei:choice">
    <span class="choice" data-corr="{normalize-space(tei:corr | tei:reg | tei:expan)}">
      <xsl:for-each select="tei:sic | tei:orig | tei:abbr">
        <span class="sic"><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:for-each select="tei:corr | tei:reg | tei:expan">
        <span class="sep"><xsl:text> </xsl:text></span>
        <span class="corr" title="corrected from: {normalize-space(../tei:sic | ../tei:orig | ../tei:abbr)}{substring(concat(' (certainty ', @cert, ')'), 1, 14 * boolean(@cert) + string-length(@cert) * boolean(@cert))}"><xsl:apply-templates/></span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- === the apparatus === -->
  <xsl:template match="tei:app">
    <xsl:variable name="block" select="tei:rdg/tei:p | tei:rdg/tei:ab | tei:lem/tei:p"/>
    <xsl:element name="{substring('spandiv', 1 + 4 * boolean($block), 4 - boolean($block))}">
      <xsl:attribute name="class">app app-<xsl:value-of select="@type"/></xsl:attribute>
      <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      <xsl:attribute name="title"><xsl:value-of select="@type"/> variant</xsl:attribute>
      <xsl:for-each select="tei:lem | tei:rdg">
        <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:rdg | tei:lem">
    <xsl:variable name="block" select="tei:p | tei:ab"/>
    <xsl:element name="{substring('spandiv', 1 + 4 * boolean($block), 4 - boolean($block))}">
      <xsl:call-template name="owners">
        <xsl:with-param name="base" select="concat(local-name(), substring(' empty', 1, 6 * not(node())))"/>
      </xsl:call-template>
      <xsl:if test="self::tei:lem">
        <xsl:attribute name="title">
          <xsl:choose>
            <xsl:when test="@wit"><xsl:text>reading of </xsl:text><xsl:value-of select="translate(normalize-space(@wit), '#', '')"/></xsl:when>
            <xsl:otherwise><xsl:text>emendation (no copy reads so; certainty </xsl:text><xsl:value-of select="@cert"/><xsl:text>)</xsl:text></xsl:otherwise>
          </xsl:choose>
          <xsl:for-each select="../tei:rdg">
            <xsl:text>; </xsl:text><xsl:value-of select="translate(normalize-space(@wit), '#', '')"/>
            <xsl:text>: </xsl:text>
            <xsl:choose>
              <xsl:when test="normalize-space(.) = ''">(nothing)</xsl:when>
              <xsl:otherwise><!-- as the copy reads: a correction's sic, not its corr -->
                <xsl:for-each select=".//text()[not(ancestor::tei:corr)]"><xsl:value-of select="."/></xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- class "w w-A w-B" and data-wit="A B" for what belongs to some copies only -->
  <xsl:template name="owners">
    <xsl:param name="base" select="local-name()"/>
    <xsl:variable name="refs" select="normalize-space(@wit | @edRef)"/>
    <xsl:attribute name="class">
      <xsl:value-of select="$base"/>
      <xsl:if test="$refs != ''">
        <xsl:text> w</xsl:text>
        <xsl:call-template name="classes"><xsl:with-param name="refs" select="$refs"/></xsl:call-template>
      </xsl:if>
    </xsl:attribute>
    <xsl:if test="$refs != ''">
      <xsl:attribute name="data-wit"><xsl:value-of select="translate($refs, '#', '')"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="classes">
    <xsl:param name="refs"/>
    <xsl:variable name="first" select="substring-before(concat($refs, ' '), ' ')"/>
    <xsl:text> w-</xsl:text><xsl:value-of select="substring-after($first, '#')"/>
    <xsl:if test="contains($refs, ' ')">
      <xsl:call-template name="classes"><xsl:with-param name="refs" select="substring-after($refs, ' ')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- === anything else: its text kept, in a span named after it === -->
  <xsl:template match="tei:*">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:teiHeader"/>

  <!-- only for pages with a facsimile: the page images beside the text, the line links -->
  <xsl:template name="facsimile-css">
    .facs { float: right; clear: right; width: 42%; margin: 0 0 1em 1.5em; border: 1px solid var(--rule); background: #fff; }
    .facs svg { display: block; width: 100%; height: auto; }
    .facs rect { fill: transparent; stroke: none; }
    .facs rect:target, .facs rect.hl { fill: rgba(255, 190, 0, .35); stroke: #b60; stroke-width: 2; }
    a.ln { display: inline-block; width: 1.1em; margin-left: -1.3em; color: #b9b2a3; text-decoration: none; }
    a.ln::before { content: "\25B8"; }
    a.ln:hover, a.ln:focus { color: #b60; outline: none; }
  </xsl:template>

  <xsl:template name="css">
    :root { --ink: #1d232a; --paper: #fbfaf6; --rule: #d8d2c4; --ocr: #fff1b8; --sub: #ffd6d0; --lay: #dde7f3; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 54rem; padding: 1.5rem 1.5rem 4rem 1.5rem; background: var(--paper); color: var(--ink);
           font: 17px/1.55 "Courier New", Courier, monospace; }
    header { font-family: system-ui, sans-serif; font-size: 15px; border-bottom: 2px solid var(--ink); margin-bottom: 1rem; }
    header h1 { font-size: 1.35rem; margin: 0 0 .5rem 0; }
    header dl { display: grid; grid-template-columns: 8rem 1fr; gap: .15rem .75rem; margin: 0 0 1rem 0; }
    header dt { font-weight: 600; } header dd { margin: 0; } header ul { margin: 0; padding-left: 1.1rem; }
    input[name="wit"] { position: absolute; opacity: 0; pointer-events: none; }
    nav { position: sticky; top: 0; z-index: 2; background: var(--paper); border-bottom: 1px solid var(--rule);
          padding: .5rem 0; margin-bottom: 1rem; font: 14px system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
    nav label { cursor: pointer; border: 1px solid #234; border-radius: 1rem; padding: .1rem .7rem; }
    #show-all:checked ~ nav label[for="show-all"] { background: #234; color: #fff; }
    .legend { margin-left: auto; } .legend .app { padding: 0 .3rem; }
    main { position: relative; }
    h2.head { font-size: 1.05rem; text-align: center; margin: 1rem 0; }
    h2.copy-title { font: 600 15px system-ui, sans-serif; border-bottom: 1px solid var(--rule); }
    p { margin: 0 0 .9rem 0; } p.dateline { text-align: right; }
    .opener p, .closer p { margin: .1rem 0; }
    .label { margin-right: .3rem; }
    .pb { display: block; margin: 1rem 0 .5rem 0; border-top: 1px dashed #8a7f66; height: 0; }
    .pb::after { content: "page " attr(data-n) " " attr(data-wit); font: 12px system-ui, sans-serif; color: #6c6350;
                 position: relative; top: -.75rem; background: var(--paper); padding-right: .4rem; }
    p .pb { display: inline; border: 0; } p .pb::after { position: static; content: " \2016 page " attr(data-n) " " attr(data-wit) " \2016 "; }
    .milestone::before { content: "\00B6 " attr(data-wit); font: 11px system-ui, sans-serif; color: #8a7f66; }
    .fw, .stamp-note, .gap { display: inline-block; font: 12px/1.35 system-ui, sans-serif; color: #5b5140;
                             border: 1px solid #b8ab8b; background: #f3eee2; padding: 0 .3rem; margin: 0 .2rem; }
    .fw-classification { color: #8b1a1a; border-color: #c98b8b; font-weight: 600; }
    .fw-pageNum::before { content: "p. "; } .fw-catch { font-style: italic; }
    .stamp-note { display: block; margin: .5rem 0; padding: .3rem .5rem; border: 2px solid #6d7b96; background: #eef1f7; }
    .stamp-note .lb { display: inline; } .stamp { display: inline; }
    .choice .corr, .choice .sep { display: none; }
    #show-reading:checked ~ main .choice .sic { display: none; }
    #show-reading:checked ~ main .choice .corr { display: inline; color: #2f6f3e; text-decoration: underline dotted #2f6f3e; }
    #show-reading:checked ~ nav label[for="show-reading"] { background: #234; color: #fff; }
    #show-reading:checked ~ main .rdg, #show-reading:checked ~ main .fw, #show-reading:checked ~ main .stamp-note,
    #show-reading:checked ~ main .surplus, #show-reading:checked ~ main .unclear-noise, #show-reading:checked ~ main .gap,
    #show-reading:checked ~ main .note, #show-reading:checked ~ main .w:not(.lem),
    #show-reading:checked ~ main .app::before { display: none; }
    #show-reading:checked ~ main .app { background: none; }
    #show-reading:checked ~ main .app > .lem { border-bottom: 2px solid rgba(35,51,68,.18); cursor: help; }
    .unclear { text-decoration: underline dotted #a33; } .unclear-noise { color: #8d8d8d; }
    .surplus { color: #8d8d8d; text-decoration: line-through; }
    .rend-underline { text-decoration: underline; } .rend-italic { font-style: italic; } .rend-smallcaps { font-variant: small-caps; }
    .note { font: 13px system-ui, sans-serif; color: #444; }
    .note::before { content: "[note " attr(data-n) ": "; } .note::after { content: "]"; }
    .app { border-radius: 3px; } .app-ocr { background: var(--ocr); } .app-substantive { background: var(--sub); } .app-layout { background: var(--lay); }
    div.app { display: block; padding: .2rem .4rem; margin: 0 0 .9rem 0; }
    #show-all:checked ~ main .rdg::before, #show-all:checked ~ main .lem::before {
        content: attr(data-wit) ": "; font: 600 11px system-ui, sans-serif; color: #234; }
    #show-all:checked ~ main .rdg { outline: 1px solid rgba(35,51,68,.25); padding: 0 .15rem; margin: 0 .1rem; }
    #show-all:checked ~ main .rdg.empty::after { content: "\2205"; color: #777; }
    #show-all:checked ~ main .app::before { content: attr(data-type) " "; font: 10px system-ui, sans-serif; color: #6a2d2d; text-transform: uppercase; }
    #show-all:checked ~ main br.lb.w { display: none; }
    @media print { nav, input { display: none; } }
  </xsl:template>

</xsl:stylesheet>
