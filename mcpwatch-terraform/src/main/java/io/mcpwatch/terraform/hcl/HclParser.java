package io.mcpwatch.terraform.hcl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser of HCL's native syntax (the grammar of HashiCorp's hclsyntax spec:
 * bodies of attributes and blocks, template strings with {@code ${}} interpolation, heredocs,
 * tuples, objects, function calls, traversals, splats, operators, conditionals and {@code for}
 * expressions). Every node remembers its {@code file:line:column}. It runs in time linear in the
 * input, and nesting is capped so that hostile input cannot overflow the stack. Template
 * directives ({@code %{ if }}) are rejected with their position.
 */
public final class HclParser {
  private static final int MAX_DEPTH = 200;

  private final String file;
  private final String src;
  private int at;
  private int line = 1;
  private int lineStart;
  private int depth;

  private HclParser(String file, String src) {
    this.file = file;
    this.src = src.startsWith("\uFEFF") ? " " + src.substring(1) : src;
  }

  /** Parses a whole file; throws {@link HclException} at the first syntax error. */
  public static Body parse(String file, String text) {
    HclParser p = new HclParser(file, text);
    Body body = p.body(true);
    p.skipSpace(true);
    if (p.at < p.src.length()) {
      throw p.error("expected an attribute (name = value) or a block (type \"label\" { ... })");
    }
    return body;
  }

  /** Parses one expression (a {@code --var} value or a tfvars value). */
  public static Expr parseExpression(String file, String text) {
    HclParser p = new HclParser(file, text);
    p.skipSpace(true);
    Expr e = p.expression(true);
    p.skipSpace(true);
    if (p.at < p.src.length()) {
      throw p.error("unexpected " + p.describeHere() + " after the expression");
    }
    return e;
  }

  // ---- bodies

  private Body body(boolean topLevel) {
    List<Body.Attribute> attributes = new ArrayList<>();
    List<Body.Block> blocks = new ArrayList<>();
    while (true) {
      skipSpace(true);
      if (at >= src.length()) {
        if (!topLevel) {
          throw error("the block is not closed: expected }");
        }
        break;
      }
      char c = src.charAt(at);
      if (c == '}') {
        if (topLevel) {
          throw error("unexpected } (no block is open)");
        }
        break;
      }
      if (!isIdStart(c)) {
        throw error("expected an attribute (name = value) or a block, found " + describeHere());
      }
      Pos namePos = here();
      String name = identifier();
      skipSpace(false);
      if (peek('=') && !peek("==")) {
        at++;
        skipSpace(false);
        Expr value = expression(false);
        attributes.add(new Body.Attribute(name, value, span(namePos)));
        endOfItem();
      } else {
        List<String> labels = new ArrayList<>();
        while (true) {
          skipSpace(false);
          if (peek('"')) {
            Expr.Template t = template();
            if (t.parts().size() > 1 || (t.parts().size() == 1 && !(t.parts().get(0) instanceof String))) {
              throw new HclException(t.pos(), "a block label cannot contain interpolations");
            }
            labels.add(t.parts().isEmpty() ? "" : (String) t.parts().get(0));
          } else if (at < src.length() && isIdStart(src.charAt(at))) {
            labels.add(identifier());
          } else {
            break;
          }
        }
        if (!peek('{')) {
          throw error(
              "expected = (an attribute) or { (a block) after " + name + ", found " + describeHere());
        }
        at++;
        enter();
        Body inner = body(false);
        depth--;
        expect('}');
        blocks.add(new Body.Block(name, labels, inner, span(namePos)));
        endOfItem();
      }
    }
    return new Body(attributes, blocks);
  }

  private void endOfItem() {
    skipSpace(false);
    if (at >= src.length() || src.charAt(at) == '}') {
      return;
    }
    if (src.charAt(at) == '\n' || src.charAt(at) == '\r') {
      return;
    }
    throw error("expected a line break after the item, found " + describeHere());
  }

  // ---- expressions

  /** @param nl whether line breaks are insignificant here (inside brackets) */
  private Expr expression(boolean nl) {
    enter();
    try {
      Pos start = here();
      Expr cond = binary(0, nl);
      skipSpace(nl);
      if (peek('?')) {
        at++;
        skipSpace(true);
        Expr t = expression(true);
        skipSpace(true);
        expect(':');
        skipSpace(true);
        Expr f = expression(nl);
        return new Expr.Conditional(cond, t, f, span(start));
      }
      return cond;
    } finally {
      depth--;
    }
  }

  private static final String[][] LEVELS = {
    {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}
  };

  private Expr binary(int level, boolean nl) {
    if (level == LEVELS.length) {
      return unary(nl);
    }
    Pos start = here();
    Expr left = binary(level + 1, nl);
    while (true) {
      int save = at;
      int saveLine = line;
      int saveLineStart = lineStart;
      skipSpace(nl);
      String op = null;
      for (String candidate : LEVELS[level]) {
        if (peek(candidate) && !(candidate.equals("<") && peek("<<")) && !peek("=>")) {
          op = candidate;
          break;
        }
      }
      if (op == null) {
        at = save;
        line = saveLine;
        lineStart = saveLineStart;
        return left;
      }
      at += op.length();
      skipSpace(true);
      Expr right = binary(level + 1, nl);
      left = new Expr.Binary(op, left, right, span(start));
    }
  }

  private Expr unary(boolean nl) {
    Pos start = here();
    if (peek('!') || (peek('-') && !peek("->"))) {
      String op = String.valueOf(src.charAt(at));
      at++;
      skipSpace(nl);
      enter();
      Expr operand = unary(nl);
      depth--;
      return new Expr.Unary(op, operand, span(start));
    }
    return postfix(primary(), nl);
  }

  private Expr postfix(Expr target, boolean nl) {
    Pos start = target.pos();
    Expr e = target;
    while (at < src.length()) {
      if (peek(".*")) {
        at += 2;
        Expr rest = splatRest(new Expr.SplatItem(span(start)), true);
        e = new Expr.Splat(e, rest, span(start));
      } else if (peek('.') && at + 1 < src.length() && isIdStart(src.charAt(at + 1))) {
        at++;
        e = new Expr.GetAttr(e, identifier(), span(start));
      } else if (peek('.') && at + 1 < src.length() && Character.isDigit(src.charAt(at + 1))) {
        at++;
        Pos np = here();
        String digits = digits();
        e = new Expr.Index(e, Expr.number(new BigDecimal(digits), span(np)), span(start));
      } else if (peek("[*]")) {
        at += 3;
        Expr rest = splatRest(new Expr.SplatItem(span(start)), false);
        e = new Expr.Splat(e, rest, span(start));
      } else if (peek('[')) {
        at++;
        skipSpace(true);
        Expr key = expression(true);
        skipSpace(true);
        expect(']');
        e = new Expr.Index(e, key, span(start));
      } else {
        break;
      }
    }
    return e;
  }

  private Expr splatRest(Expr item, boolean attrOnly) {
    Expr e = item;
    while (at < src.length()) {
      if (peek('.') && at + 1 < src.length() && isIdStart(src.charAt(at + 1))) {
        at++;
        e = new Expr.GetAttr(e, identifier(), span(item.pos()));
      } else if (!attrOnly && peek('[') && !peek("[*]")) {
        at++;
        skipSpace(true);
        Expr key = expression(true);
        skipSpace(true);
        expect(']');
        e = new Expr.Index(e, key, span(item.pos()));
      } else {
        break;
      }
    }
    return e;
  }

  private Expr primary() {
    if (at >= src.length()) {
      throw error("expected an expression, found the end of the file");
    }
    Pos start = here();
    char c = src.charAt(at);
    if (c == '"') {
      return template();
    }
    if (peek("<<")) {
      return heredoc();
    }
    if (Character.isDigit(c)) {
      return number();
    }
    if (c == '(') {
      at++;
      skipSpace(true);
      Expr inner = expression(true);
      skipSpace(true);
      expect(')');
      return new Expr.Parens(inner, span(start));
    }
    if (c == '[') {
      return tuple();
    }
    if (c == '{') {
      return object();
    }
    if (isIdStart(c)) {
      String name = identifier();
      if (name.equals("true") || name.equals("false")) {
        return new Expr.Literal(new Value.Bool(name.equals("true"), span(start)), span(start));
      }
      if (name.equals("null")) {
        return new Expr.Literal(new Value.Null(span(start)), span(start));
      }
      if (peek('(') || (peek("::") && name.equals("provider"))) {
        return call(name, start);
      }
      return new Expr.Variable(name, span(start));
    }
    throw error("expected an expression, found " + describeHere());
  }

  private Expr call(String name, Pos start) {
    at++;
    List<Expr> args = new ArrayList<>();
    boolean expand = false;
    skipSpace(true);
    while (!peek(')')) {
      args.add(expression(true));
      skipSpace(true);
      if (peek("...")) {
        at += 3;
        expand = true;
        skipSpace(true);
      }
      if (peek(',')) {
        at++;
        skipSpace(true);
      } else if (!peek(')')) {
        throw error("expected , or ) in the arguments of " + name + "(), found " + describeHere());
      }
    }
    at++;
    return new Expr.Call(name, args, expand, span(start));
  }

  private Expr tuple() {
    Pos start = here();
    at++;
    skipSpace(true);
    if (peekKeyword("for")) {
      return forExpr(start, false);
    }
    List<Expr> items = new ArrayList<>();
    while (!peek(']')) {
      items.add(expression(true));
      skipSpace(true);
      if (peek(',')) {
        at++;
        skipSpace(true);
      } else if (!peek(']')) {
        throw error("expected , or ] in the list, found " + describeHere());
      }
    }
    at++;
    return new Expr.Tuple(items, span(start));
  }

  private Expr object() {
    Pos start = here();
    at++;
    skipSpace(true);
    if (peekKeyword("for")) {
      return forExpr(start, true);
    }
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (!peek('}')) {
      Pos keyPos = here();
      Expr key;
      if (at < src.length() && isIdStart(src.charAt(at))) {
        int save = at;
        String id = identifier();
        skipSpace(false);
        if (peek('=') || peek(':')) {
          key = new Expr.Template(List.of(id), span(keyPos), keyPos.column());
        } else {
          at = save;
          key = expression(true);
        }
      } else {
        key = expression(true);
      }
      skipSpace(false);
      if (peek('=') && !peek("==") && !peek("=>")) {
        at++;
      } else if (peek(':')) {
        at++;
      } else {
        throw error("expected = after the object key, found " + describeHere());
      }
      skipSpace(true);
      values.add(expression(true));
      keys.add(key);
      skipSpace(true);
      if (peek(',')) {
        at++;
        skipSpace(true);
      }
    }
    at++;
    return new Expr.ObjectCons(keys, values, span(start));
  }

  private Expr forExpr(Pos start, boolean object) {
    at += 3;
    skipSpace(true);
    String first = identifier();
    String second = null;
    skipSpace(true);
    if (peek(',')) {
      at++;
      skipSpace(true);
      second = identifier();
      skipSpace(true);
    }
    if (!peekKeyword("in")) {
      throw error("expected in after the for variables, found " + describeHere());
    }
    at += 2;
    skipSpace(true);
    Expr coll = expression(true);
    skipSpace(true);
    expect(':');
    skipSpace(true);
    Expr keyExpr = null;
    Expr valueExpr = expression(true);
    skipSpace(true);
    if (object) {
      if (!peek("=>")) {
        throw error("expected => in the object for expression, found " + describeHere());
      }
      at += 2;
      skipSpace(true);
      keyExpr = valueExpr;
      valueExpr = expression(true);
      skipSpace(true);
    }
    boolean grouping = false;
    if (peek("...")) {
      at += 3;
      grouping = true;
      skipSpace(true);
    }
    Expr cond = null;
    if (peekKeyword("if")) {
      at += 2;
      skipSpace(true);
      cond = expression(true);
      skipSpace(true);
    }
    expect(object ? '}' : ']');
    return new Expr.For(
        second == null ? null : first,
        second == null ? first : second,
        coll,
        keyExpr,
        valueExpr,
        cond,
        grouping,
        span(start));
  }

  private Expr number() {
    Pos start = here();
    int from = at;
    digits();
    if (peek('.') && at + 1 < src.length() && Character.isDigit(src.charAt(at + 1))) {
      at++;
      digits();
    }
    if (peek('e') || peek('E')) {
      int save = at;
      at++;
      if (peek('+') || peek('-')) {
        at++;
      }
      if (at < src.length() && Character.isDigit(src.charAt(at))) {
        digits();
      } else {
        at = save;
      }
    }
    return Expr.number(new BigDecimal(src.substring(from, at)), span(start));
  }

  private String digits() {
    int from = at;
    while (at < src.length() && Character.isDigit(src.charAt(at))) {
      at++;
    }
    return src.substring(from, at);
  }

  /** A quoted template: {@code "text ${expr} $${literal} %%{literal}"}. */
  private Expr.Template template() {
    Pos start = here();
    at++;
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    boolean verbatim = true;
    while (true) {
      if (at >= src.length() || src.charAt(at) == '\n') {
        throw new HclException(start, "the string is not closed: expected \" on the same line");
      }
      char c = src.charAt(at);
      if (c == '"') {
        at++;
        break;
      }
      if (c == '\\') {
        verbatim = false;
        at++;
        if (at >= src.length()) {
          throw error("the string is not closed");
        }
        char e = src.charAt(at++);
        switch (e) {
          case 'n':
            lit.append('\n');
            break;
          case 't':
            lit.append('\t');
            break;
          case 'r':
            lit.append('\r');
            break;
          case '"':
            lit.append('"');
            break;
          case '\\':
            lit.append('\\');
            break;
          case 'u':
          case 'U':
            int n = e == 'u' ? 4 : 8;
            if (at + n > src.length()) {
              throw error("expected " + n + " hex digits after \\" + e);
            }
            try {
              lit.appendCodePoint(Integer.parseInt(src.substring(at, at + n), 16));
            } catch (IllegalArgumentException ex) {
              throw error("expected " + n + " hex digits after \\" + e);
            }
            at += n;
            break;
          default:
            at--;
            throw error("unknown escape \\" + e + " (HCL knows \\n \\t \\r \\\" \\\\ \\uNNNN)");
        }
        continue;
      }
      if (interpolationOrLiteral(parts, lit)) {
        verbatim = false;
      }
    }
    if (lit.length() > 0 || parts.isEmpty()) {
      if (lit.length() > 0) {
        parts.add(lit.toString());
      }
    }
    Pos pos = span(start);
    return new Expr.Template(parts, pos, verbatim ? start.column() + 1 : 0);
  }

  /**
   * Handles {@code ${}}, {@code $${}}, {@code %{}} and {@code %%{} at the current character, or
   * appends it to {@code lit}; whether the text is no longer verbatim.
   */
  private boolean interpolationOrLiteral(List<Object> parts, StringBuilder lit) {
    if (peek("$${") || peek("%%{")) {
      lit.append(src.charAt(at)).append('{');
      at += 3;
      return true;
    }
    if (peek("${")) {
      if (lit.length() > 0) {
        parts.add(lit.toString());
        lit.setLength(0);
      }
      at += 2;
      skipSpace(true);
      if (peek('~')) {
        at++;
      }
      skipSpace(true);
      parts.add(expression(true));
      skipSpace(true);
      if (peek('~')) {
        at++;
      }
      expect('}');
      return true;
    }
    if (peek("%{")) {
      throw error("template directives (%{ if }, %{ for }) are not supported; use a conditional"
          + " or for expression inside ${ }");
    }
    char c = src.charAt(at++);
    if (c == '\n') {
      line++;
      lineStart = at;
    }
    lit.append(c);
    return false;
  }

  private Expr heredoc() {
    Pos start = here();
    at += 2;
    boolean indent = peek('-');
    if (indent) {
      at++;
    }
    if (at >= src.length() || !isIdStart(src.charAt(at))) {
      throw error("expected a heredoc marker after <<, e.g. <<EOT");
    }
    String marker = identifier();
    while (at < src.length() && src.charAt(at) != '\n') {
      if (src.charAt(at) != ' ' && src.charAt(at) != '\t' && src.charAt(at) != '\r') {
        throw error("expected a line break after the heredoc marker " + marker);
      }
      at++;
    }
    if (at >= src.length()) {
      throw new HclException(start, "the heredoc is not closed: expected " + marker);
    }
    at++;
    line++;
    lineStart = at;
    int firstLine = line;
    List<String> raw = new ArrayList<>();
    while (true) {
      if (at >= src.length()) {
        throw new HclException(start, "the heredoc is not closed: expected a line with " + marker);
      }
      int eol = src.indexOf('\n', at);
      String l = src.substring(at, eol < 0 ? src.length() : eol);
      at = eol < 0 ? src.length() : eol;
      if (l.strip().equals(marker)) {
        break;
      }
      raw.add(l);
      if (eol >= 0) {
        at++;
        line++;
        lineStart = at;
      }
    }
    if (indent) {
      int min = Integer.MAX_VALUE;
      for (String l : raw) {
        if (!l.isBlank()) {
          int n = 0;
          while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
            n++;
          }
          min = Math.min(min, n);
        }
      }
      for (int i = 0; i < raw.size(); i++) {
        String l = raw.get(i);
        raw.set(i, l.isBlank() ? "" : l.substring(Math.min(min, l.length())));
      }
    }
    StringBuilder joined = new StringBuilder();
    raw.forEach(l -> joined.append(l).append('\n'));
    HclParser sub = new HclParser(file, joined.toString());
    sub.line = firstLine;
    sub.depth = depth;
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    while (sub.at < sub.src.length()) {
      sub.interpolationOrLiteral(parts, lit);
    }
    if (lit.length() > 0) {
      parts.add(lit.toString());
    }
    return new Expr.Template(parts, span(start), 0);
  }

  // ---- characters

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private String identifier() {
    int from = at;
    if (at >= src.length() || !isIdStart(src.charAt(at))) {
      throw error("expected a name, found " + describeHere());
    }
    at++;
    while (at < src.length() && isIdPart(src.charAt(at))) {
      at++;
    }
    return src.substring(from, at);
  }

  private static boolean isIdStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isIdPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private boolean peek(char c) {
    return at < src.length() && src.charAt(at) == c;
  }

  private boolean peek(String s) {
    return src.startsWith(s, at);
  }

  private boolean peekKeyword(String kw) {
    return src.startsWith(kw, at)
        && (at + kw.length() >= src.length() || !isIdPart(src.charAt(at + kw.length())));
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected " + c + ", found " + describeHere());
    }
    at++;
  }

  /** Skips blanks and comments, and line breaks too when {@code nl}. */
  private void skipSpace(boolean nl) {
    while (at < src.length()) {
      char c = src.charAt(at);
      if (c == ' ' || c == '\t' || c == '\r') {
        at++;
      } else if (c == '\n') {
        if (!nl) {
          return;
        }
        at++;
        line++;
        lineStart = at;
      } else if (c == '#' || peek("//")) {
        while (at < src.length() && src.charAt(at) != '\n') {
          at++;
        }
      } else if (peek("/*")) {
        Pos start = here();
        int end = src.indexOf("*/", at + 2);
        if (end < 0) {
          throw new HclException(start, "the comment is not closed: expected */");
        }
        for (int i = at; i < end; i++) {
          if (src.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        at = end + 2;
      } else {
        return;
      }
    }
  }

  private Pos here() {
    return new Pos(file, line, at - lineStart + 1, at, at);
  }

  private Pos span(Pos start) {
    return new Pos(file, start.line(), start.column(), start.start(), at);
  }

  private String describeHere() {
    if (at >= src.length()) {
      return "the end of the file";
    }
    char c = src.charAt(at);
    if (c == '\n') {
      return "the end of the line";
    }
    return "'" + c + "'";
  }

  private HclException error(String message) {
    return new HclException(here(), message);
  }

  /** The source text of {@code pos} in {@code text}, on one line, cut after 80 characters. */
  public static String excerpt(String text, Pos pos) {
    int end = Math.min(pos.end(), text.length());
    String s = text.substring(Math.min(pos.start(), end), end).replaceAll("\\s+", " ");
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

}
