<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-text.xsl (XSLT 1.0): the plain text of one witness of a TEI file written by
  tei-encoder, in either layout: the same text as `tei-encoder witness FILE -w A` .

  Parameter: wit, the witness's xml:id ("A"); default: the first witness in listWit.
  One typescript line per output line; furniture (page numbers, catchwords, markings,
  stamps, noise) included; other witnesses' readings and breaks left out; corr (the
  editor's form) left out, sic kept.

  Parameter view: "reading" gives the reading text instead, the same as
  `tei-encoder witness FILE -r` (reading): every app's lem (else its first reading; one
  copy's layout apps left out), corr instead of sic, no furniture, stamps, notes,
  repetitions or noise, one block per line (the first copy's text in the per-copy form).

  Runs in lxml, xsltproc, browsers and Saxon:
    xsltproc -stringparam wit B tei-to-text.xsl memo.xml
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                exclude-result-prefixes="tei">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="wit" select="''"/>
  <xsl:param name="view" select="''"/>
  <xsl:variable name="sigil">
    <xsl:choose>
      <xsl:when test="string($wit) != ''"><xsl:value-of select="$wit"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="(//tei:listWit/tei:witness/@xml:id)[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="ref" select="concat(' #', $sigil, ' ')"/>
  <xsl:variable name="NL" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:variable name="copy" select="/tei:TEI/tei:text/tei:group/tei:text[@corresp = concat('#', $sigil)]"/>
    <xsl:variable name="raw">
      <xsl:choose>
        <xsl:when test="$view = 'reading'">
          <xsl:apply-templates select="(/tei:TEI/tei:text/tei:group/tei:text | /tei:TEI/tei:text/tei:body)[1]/node()"
                               mode="reading"/>
        </xsl:when>
        <xsl:when test="$copy"><xsl:apply-templates select="$copy[1]/node()" mode="raw"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="/tei:TEI/tei:text/tei:body/node()" mode="raw"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="tidy">
      <xsl:with-param name="text" select="string($raw)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- === raw: the witness's text, a newline around every line-breaking element === -->

  <!-- Newlines in text nodes are pretty-printing (XML whitespace), not lines. -->
  <xsl:template match="text()" mode="raw">
    <xsl:value-of select="translate(., '&#10;&#13;&#9;', '   ')"/>
  </xsl:template>

  <!-- Another witness's reading or break, and the editor's correction: left out.
       (XSLT 1.0 allows no variable in a pattern: the test is inside.) -->
  <xsl:template match="tei:rdg | tei:lem | *[@edRef]" mode="raw" priority="3">
    <xsl:variable name="owners" select="concat(' ', normalize-space(@wit | @edRef), ' ')"/>
    <xsl:if test="contains($owners, $ref)">
      <xsl:apply-templates select="." mode="own"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:rdg | tei:lem" mode="own">
    <xsl:apply-templates mode="raw"/>
  </xsl:template>
  <xsl:template match="*" mode="own">
    <xsl:value-of select="$NL"/>
    <xsl:apply-templates mode="raw"/>
    <xsl:value-of select="$NL"/>
  </xsl:template>
  <xsl:template match="tei:corr" mode="raw" priority="3"/>

  <xsl:template match="tei:lb | tei:pb | tei:milestone | tei:note | tei:gap | tei:head | tei:p | tei:ab
                       | tei:dateline | tei:seg | tei:signed | tei:salute | tei:opener | tei:closer | tei:div
                       | tei:fw | tei:unclear[@reason = 'noise'][not(ancestor::tei:fw)]" mode="raw">
    <xsl:value-of select="$NL"/>
    <xsl:apply-templates mode="raw"/>
    <xsl:value-of select="$NL"/>
  </xsl:template>

  <!-- A redaction inside a line (an excision statement, an exemption code) does not break it. -->
  <xsl:template match="tei:seg[@type = 'excision']" mode="raw" priority="2">
    <xsl:apply-templates mode="raw"/>
  </xsl:template>

  <!-- Furniture the OCR read into a row of a stamp shares the row's line. -->
  <xsl:template match="tei:note[@type = 'stamp']/tei:fw" mode="raw" priority="2">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="raw"/>
  </xsl:template>

  <!-- A catchword the OCR read onto the end of a text line (fw[@rend='run-in']) ends that line. -->
  <xsl:template match="tei:fw[@rend = 'run-in']" mode="raw" priority="2">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="raw"/>
    <xsl:value-of select="$NL"/>
  </xsl:template>

  <xsl:template match="*" mode="raw">
    <xsl:apply-templates mode="raw"/>
  </xsl:template>

  <!-- === reading: the edition text (tei_encoder/publish/reading.py does the same) === -->

  <xsl:template match="text()" mode="reading">
    <xsl:value-of select="translate(., '&#10;&#13;&#9;', '   ')"/>
  </xsl:template>
  <xsl:template match="tei:fw | tei:note | tei:stamp | tei:surplus | tei:gap | tei:sic | tei:rdg
                       | tei:unclear[@reason = 'noise'] | tei:app[@type = 'layout'][not(tei:lem)]"
                mode="reading" priority="3"/>
  <xsl:template match="tei:app" mode="reading" priority="2">
    <xsl:choose>
      <xsl:when test="tei:lem"><xsl:apply-templates select="tei:lem/node()" mode="reading"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="tei:rdg[1]/node()" mode="reading"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:pb | tei:lb | tei:milestone" mode="reading" priority="2">
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:head | tei:p | tei:ab | tei:dateline | tei:seg | tei:signed | tei:salute
                       | tei:opener | tei:closer | tei:div" mode="reading" priority="2">
    <xsl:value-of select="$NL"/>
    <xsl:apply-templates mode="reading"/>
    <xsl:value-of select="$NL"/>
  </xsl:template>
  <xsl:template match="*" mode="reading">
    <xsl:apply-templates mode="reading"/>
  </xsl:template>

  <!-- === tidy: one line per line, spaces collapsed, empty lines dropped ===
       Long texts are halved at a newline so that recursion stays shallow. -->
  <xsl:template name="tidy">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &gt; 2000">
        <xsl:variable name="half" select="floor(string-length($text) div 2)"/>
        <xsl:variable name="rest" select="substring($text, $half + 1)"/>
        <xsl:choose>
          <xsl:when test="contains($rest, $NL)">
            <xsl:call-template name="tidy">
              <xsl:with-param name="text" select="concat(substring($text, 1, $half), substring-before($rest, $NL))"/>
            </xsl:call-template>
            <xsl:call-template name="tidy">
              <xsl:with-param name="text" select="substring-after($rest, $NL)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="lines"><xsl:with-param name="text" select="$text"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="lines"><xsl:with-param name="text" select="$text"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:variable name="line" select="normalize-space(substring-before(concat($text, $NL), $NL))"/>
    <xsl:if test="$line != ''">
      <xsl:value-of select="concat($line, $NL)"/>
    </xsl:if>
    <xsl:if test="contains($text, $NL)">
      <xsl:call-template name="lines">
        <xsl:with-param name="text" select="substring-after($text, $NL)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
