package io.mcpwatch.terraform.hcl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates HCL expressions the way Terraform does for the values mcpwatch reads: literals,
 * templates, references (through a {@link Scope}), operators, conditionals, {@code for}
 * expressions, splats and the pure functions such modules use ({@code format}, {@code lower},
 * {@code join}, {@code length}, {@code toset}, {@code lookup}, {@code merge}, ...). A reference to
 * something only known at apply time gives a {@link Value.Unknown}; a mistake (a missing attribute,
 * a wrong type, an unsupported function) is an {@link HclException} at the expression with its
 * source text.
 */
public final class Evaluator {

  /** What the names at the root of a reference ({@code var}, {@code local}, ...) stand for. */
  public interface Scope {
    /** The value of root name {@code name} at {@code pos}; throws HclException if unknown. */
    Value root(String name, Pos pos);

    /** The source text at {@code pos} (for error messages). */
    String text(Pos pos);
  }

  private final Scope scope;
  private final Map<String, Value> bound;

  private Evaluator(Scope scope, Map<String, Value> bound) {
    this.scope = scope;
    this.bound = bound;
  }

  public static Value eval(Expr e, Scope scope) {
    return new Evaluator(scope, Map.of()).ev(e);
  }

  private Evaluator with(Map<String, Value> more) {
    Map<String, Value> m = new LinkedHashMap<>(bound);
    m.putAll(more);
    return new Evaluator(scope, m);
  }

  private HclException error(Pos pos, String message) {
    return new HclException(pos, "in " + scope.text(pos) + ": " + message);
  }

  private Value ev(Expr e) {
    if (e instanceof Expr.Literal) {
      return ((Expr.Literal) e).value();
    }
    if (e instanceof Expr.Template) {
      return template((Expr.Template) e);
    }
    if (e instanceof Expr.Variable) {
      Expr.Variable v = (Expr.Variable) e;
      Value b = bound.get(v.name());
      return b != null ? b : scope.root(v.name(), v.pos());
    }
    if (e instanceof Expr.GetAttr) {
      Expr.GetAttr g = (Expr.GetAttr) e;
      return attr(ev(g.target()), g.name(), g.pos());
    }
    if (e instanceof Expr.Index) {
      Expr.Index ix = (Expr.Index) e;
      return index(ev(ix.target()), ev(ix.key()), ix.pos());
    }
    if (e instanceof Expr.Splat) {
      Expr.Splat s = (Expr.Splat) e;
      Value target = ev(s.target());
      if (target instanceof Value.Unknown) {
        return target;
      }
      List<Value> items;
      if (target instanceof Value.ListV) {
        items = ((Value.ListV) target).items();
      } else if (target instanceof Value.Null) {
        items = List.of();
      } else {
        items = List.of(target);
      }
      List<Value> out = new ArrayList<>();
      for (Value item : items) {
        out.add(with(Map.of("*splat*", item)).ev(s.each()));
      }
      return new Value.ListV(out, s.pos());
    }
    if (e instanceof Expr.SplatItem) {
      return bound.get("*splat*");
    }
    if (e instanceof Expr.Parens) {
      return ev(((Expr.Parens) e).inner());
    }
    if (e instanceof Expr.Tuple) {
      List<Value> items = new ArrayList<>();
      for (Expr item : ((Expr.Tuple) e).items()) {
        items.add(ev(item));
      }
      return new Value.ListV(items, e.pos());
    }
    if (e instanceof Expr.ObjectCons) {
      Expr.ObjectCons o = (Expr.ObjectCons) e;
      Map<String, Value> fields = new LinkedHashMap<>();
      for (int i = 0; i < o.keys().size(); i++) {
        Expr k = o.keys().get(i);
        Expr keyExpr = k instanceof Expr.Parens ? ((Expr.Parens) k).inner() : k;
        Value key =
            keyExpr instanceof Expr.Variable && !(k instanceof Expr.Parens)
                ? new Value.Str(((Expr.Variable) keyExpr).name(), k.pos(), 0)
                : ev(keyExpr);
        if (key instanceof Value.Unknown) {
          return key;
        }
        fields.put(string(key, k.pos()), ev(o.values().get(i)));
      }
      return new Value.ObjV(fields, e.pos());
    }
    if (e instanceof Expr.Conditional) {
      Expr.Conditional c = (Expr.Conditional) e;
      Value cond = ev(c.condition());
      if (cond instanceof Value.Unknown) {
        return cond;
      }
      return bool(cond, c.condition().pos()) ? ev(c.whenTrue()) : ev(c.whenFalse());
    }
    if (e instanceof Expr.Unary) {
      Expr.Unary u = (Expr.Unary) e;
      Value v = ev(u.operand());
      if (v instanceof Value.Unknown) {
        return v;
      }
      if (u.op().equals("!")) {
        return new Value.Bool(!bool(v, u.pos()), u.pos());
      }
      return new Value.Num(number(v, u.pos()).negate(), u.pos());
    }
    if (e instanceof Expr.Binary) {
      return binary((Expr.Binary) e);
    }
    if (e instanceof Expr.For) {
      return forExpr((Expr.For) e);
    }
    if (e instanceof Expr.Call) {
      return call((Expr.Call) e);
    }
    throw error(e.pos(), "unsupported expression");
  }

  private Value template(Expr.Template t) {
    if (t.parts().size() == 1 && t.parts().get(0) instanceof String) {
      return new Value.Str((String) t.parts().get(0), t.pos(), t.textColumn());
    }
    if (t.parts().isEmpty()) {
      return new Value.Str("", t.pos(), t.textColumn());
    }
    if (t.parts().size() == 1) {
      // "${expr}" is the expression's value itself, as in Terraform
      Value v = ev((Expr) t.parts().get(0));
      if (v instanceof Value.Str || v instanceof Value.Unknown) {
        return v;
      }
      return new Value.Str(string(v, t.pos()), t.pos(), 0);
    }
    StringBuilder sb = new StringBuilder();
    for (Object part : t.parts()) {
      if (part instanceof String) {
        sb.append((String) part);
      } else {
        Value v = ev((Expr) part);
        if (v instanceof Value.Unknown) {
          return v;
        }
        sb.append(string(v, ((Expr) part).pos()));
      }
    }
    return new Value.Str(sb.toString(), t.pos(), 0);
  }

  private Value attr(Value target, String name, Pos pos) {
    if (target instanceof Value.Unknown) {
      return target;
    }
    if (target instanceof Value.Lazy) {
      Value.Lazy l = (Value.Lazy) target;
      if (!l.keys().contains(name)) {
        throw error(
            pos,
            "no "
                + l.what()
                + " "
                + name
                + " is declared in the files read"
                + (l.keys().isEmpty() ? "" : " (declared: " + String.join(", ", l.keys()) + ")")
                + (l.what().equals("variable")
                    ? "; a module's variables are often in variables.tf: read its whole directory"
                    : ""));
      }
      return l.get().apply(name);
    }
    if (target instanceof Value.ObjV) {
      Value v = ((Value.ObjV) target).fields().get(name);
      if (v == null) {
        throw error(
            pos,
            "there is no attribute "
                + name
                + " (known: "
                + String.join(", ", ((Value.ObjV) target).fields().keySet())
                + ")");
      }
      return v;
    }
    if (target instanceof Value.ListV) {
      throw error(
          pos,
          "this is a list (a block repeated, count or for_each); select one element first,"
              + " e.g. [0]."
              + name);
    }
    throw error(pos, "cannot take attribute " + name + " of " + target.describe());
  }

  private Value index(Value target, Value key, Pos pos) {
    if (target instanceof Value.Unknown) {
      return target;
    }
    if (key instanceof Value.Unknown) {
      return key;
    }
    if (target instanceof Value.ListV) {
      List<Value> items = ((Value.ListV) target).items();
      BigDecimal n = number(key, pos);
      int i;
      try {
        i = n.intValueExact();
      } catch (ArithmeticException ex) {
        throw error(pos, "index " + key.describe() + " is not a whole number");
      }
      if (i < 0 || i >= items.size()) {
        throw error(pos, "index " + i + " is out of range (the list has " + items.size() + ")");
      }
      return items.get(i);
    }
    if (target instanceof Value.ObjV || target instanceof Value.Lazy) {
      return attr(target, string(key, pos), pos);
    }
    throw error(pos, "cannot index " + target.describe());
  }

  private Value binary(Expr.Binary b) {
    Value l = ev(b.left());
    if (l instanceof Value.Unknown) {
      return l;
    }
    if (b.op().equals("&&") && !bool(l, b.left().pos())) {
      return new Value.Bool(false, b.pos());
    }
    if (b.op().equals("||") && bool(l, b.left().pos())) {
      return new Value.Bool(true, b.pos());
    }
    Value r = ev(b.right());
    if (r instanceof Value.Unknown) {
      return r;
    }
    switch (b.op()) {
      case "&&":
      case "||":
        return new Value.Bool(bool(r, b.right().pos()), b.pos());
      case "==":
        return new Value.Bool(same(l, r), b.pos());
      case "!=":
        return new Value.Bool(!same(l, r), b.pos());
      default:
        break;
    }
    BigDecimal x = number(l, b.left().pos());
    BigDecimal y = number(r, b.right().pos());
    switch (b.op()) {
      case "<":
        return new Value.Bool(x.compareTo(y) < 0, b.pos());
      case ">":
        return new Value.Bool(x.compareTo(y) > 0, b.pos());
      case "<=":
        return new Value.Bool(x.compareTo(y) <= 0, b.pos());
      case ">=":
        return new Value.Bool(x.compareTo(y) >= 0, b.pos());
      case "+":
        return new Value.Num(x.add(y), b.pos());
      case "-":
        return new Value.Num(x.subtract(y), b.pos());
      case "*":
        return new Value.Num(x.multiply(y), b.pos());
      case "/":
      case "%":
        if (y.signum() == 0) {
          throw error(b.pos(), "division by zero");
        }
        return new Value.Num(
            b.op().equals("/") ? x.divide(y, MathContext.DECIMAL64) : x.remainder(y), b.pos());
      default:
        throw error(b.pos(), "unknown operator " + b.op());
    }
  }

  private Value forExpr(Expr.For f) {
    Value coll = ev(f.collection());
    if (coll instanceof Value.Unknown) {
      return coll;
    }
    List<Value[]> pairs = new ArrayList<>();
    if (coll instanceof Value.ListV) {
      List<Value> items = ((Value.ListV) coll).items();
      for (int i = 0; i < items.size(); i++) {
        pairs.add(new Value[] {new Value.Num(BigDecimal.valueOf(i), f.pos()), items.get(i)});
      }
    } else if (coll instanceof Value.ObjV) {
      for (Map.Entry<String, Value> en : ((Value.ObjV) coll).fields().entrySet()) {
        pairs.add(new Value[] {new Value.Str(en.getKey(), f.pos(), 0), en.getValue()});
      }
    } else {
      throw error(f.collection().pos(), "a for expression needs a list, set or map, found " + coll.describe());
    }
    List<Value> list = new ArrayList<>();
    Map<String, Value> obj = new LinkedHashMap<>();
    Map<String, List<Value>> groups = new LinkedHashMap<>();
    for (Value[] kv : pairs) {
      Map<String, Value> vars = new LinkedHashMap<>();
      if (f.keyVar() != null) {
        vars.put(f.keyVar(), kv[0]);
      }
      vars.put(f.valueVar(), kv[1]);
      Evaluator inner = with(vars);
      if (f.condition() != null) {
        Value c = inner.ev(f.condition());
        if (c instanceof Value.Unknown) {
          return c;
        }
        if (!bool(c, f.condition().pos())) {
          continue;
        }
      }
      Value v = inner.ev(f.valueExpr());
      if (f.keyExpr() == null) {
        list.add(v);
      } else {
        Value k = inner.ev(f.keyExpr());
        if (k instanceof Value.Unknown) {
          return k;
        }
        String key = string(k, f.keyExpr().pos());
        if (f.grouping()) {
          groups.computeIfAbsent(key, x -> new ArrayList<>()).add(v);
        } else if (obj.put(key, v) != null) {
          throw error(f.pos(), "duplicate key " + key + " (add ... after the value to group)");
        }
      }
    }
    if (f.keyExpr() == null) {
      return new Value.ListV(list, f.pos());
    }
    if (f.grouping()) {
      groups.forEach((k, v) -> obj.put(k, new Value.ListV(v, f.pos())));
    }
    return new Value.ObjV(obj, f.pos());
  }

  private Value call(Expr.Call c) {
    List<Value> args = new ArrayList<>();
    for (int i = 0; i < c.args().size(); i++) {
      Value v = ev(c.args().get(i));
      if (v instanceof Value.Unknown && !c.name().equals("try")) {
        return v;
      }
      if (c.expandLast() && i == c.args().size() - 1) {
        if (!(v instanceof Value.ListV)) {
          throw error(c.args().get(i).pos(), "... expands a list, found " + v.describe());
        }
        args.addAll(((Value.ListV) v).items());
      } else {
        args.add(v);
      }
    }
    Pos p = c.pos();
    switch (c.name()) {
      case "lower":
        return str(string(arg(c, args, 0, 1), p).toLowerCase(Locale.ROOT), p);
      case "upper":
        return str(string(arg(c, args, 0, 1), p).toUpperCase(Locale.ROOT), p);
      case "title":
        return str(title(string(arg(c, args, 0, 1), p)), p);
      case "trimspace":
        return str(string(arg(c, args, 0, 1), p).strip(), p);
      case "tostring":
        return str(string(arg(c, args, 0, 1), p), p);
      case "tonumber":
        return new Value.Num(number(arg(c, args, 0, 1), p), p);
      case "format":
        return str(format(c, args), p);
      case "join":
        {
          String sep = string(arg(c, args, 0, 2), p);
          List<String> parts = new ArrayList<>();
          for (int i = 1; i < args.size(); i++) {
            for (Value v : list(args.get(i), p)) {
              parts.add(string(v, p));
            }
          }
          return str(String.join(sep, parts), p);
        }
      case "split":
        {
          String sep = string(arg(c, args, 0, 2), p);
          String s = string(arg(c, args, 1, 2), p);
          List<Value> out = new ArrayList<>();
          if (sep.isEmpty()) {
            throw error(p, "split needs a non-empty separator");
          }
          int from = 0;
          while (true) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
              out.add(str(s.substring(from), p));
              break;
            }
            out.add(str(s.substring(from, i), p));
            from = i + sep.length();
          }
          return new Value.ListV(out, p);
        }
      case "replace":
        {
          String s = string(arg(c, args, 0, 3), p);
          String from = string(args.get(1), p);
          String to = string(args.get(2), p);
          if (from.length() > 1 && from.startsWith("/") && from.endsWith("/")) {
            throw error(p, "replace with a regular expression is not supported");
          }
          return str(from.isEmpty() ? s : s.replace(from, to), p);
        }
      case "substr":
        {
          String s = string(arg(c, args, 0, 3), p);
          int off = number(args.get(1), p).intValue();
          int len = number(args.get(2), p).intValue();
          if (off < 0 || off > s.length()) {
            throw error(p, "substr offset " + off + " is out of range");
          }
          int end = len < 0 ? s.length() : Math.min(s.length(), off + len);
          return str(s.substring(off, end), p);
        }
      case "length":
        {
          Value v = arg(c, args, 0, 1);
          if (v instanceof Value.Str) {
            return num(((Value.Str) v).value().codePointCount(0, ((Value.Str) v).value().length()), p);
          }
          if (v instanceof Value.ObjV) {
            return num(((Value.ObjV) v).fields().size(), p);
          }
          return num(list(v, p).size(), p);
        }
      case "concat":
        {
          List<Value> out = new ArrayList<>();
          for (Value v : args) {
            out.addAll(list(v, p));
          }
          return new Value.ListV(out, p);
        }
      case "flatten":
        {
          List<Value> out = new ArrayList<>();
          flatten(list(arg(c, args, 0, 1), p), out);
          return new Value.ListV(out, p);
        }
      case "toset":
      case "distinct":
        {
          Set<String> seen = new LinkedHashSet<>();
          List<Value> out = new ArrayList<>();
          for (Value v : list(arg(c, args, 0, 1), p)) {
            if (seen.add(key(v))) {
              out.add(c.name().equals("toset") && !(v instanceof Value.Str) ? str(string(v, p), p) : v);
            }
          }
          return new Value.ListV(out, p);
        }
      case "tolist":
        return new Value.ListV(list(arg(c, args, 0, 1), p), p);
      case "tomap":
        return object(arg(c, args, 0, 1), p);
      case "keys":
        {
          List<Value> out = new ArrayList<>();
          object(arg(c, args, 0, 1), p).fields().keySet().forEach(k -> out.add(str(k, p)));
          return new Value.ListV(out, p);
        }
      case "values":
        return new Value.ListV(
            new ArrayList<>(object(arg(c, args, 0, 1), p).fields().values()), p);
      case "lookup":
        {
          Value.ObjV m = object(arg(c, args, 0, 2), p);
          Value v = m.fields().get(string(args.get(1), p));
          if (v != null) {
            return v;
          }
          if (args.size() > 2) {
            return args.get(2);
          }
          throw error(p, "no key " + args.get(1).describe() + " and no default");
        }
      case "merge":
        {
          Map<String, Value> out = new LinkedHashMap<>();
          for (Value v : args) {
            if (!(v instanceof Value.Null)) {
              out.putAll(object(v, p).fields());
            }
          }
          return new Value.ObjV(out, p);
        }
      case "element":
        {
          List<Value> l = list(arg(c, args, 0, 2), p);
          if (l.isEmpty()) {
            throw error(p, "element of an empty list");
          }
          int i = number(args.get(1), p).intValue();
          return l.get(Math.floorMod(i, l.size()));
        }
      case "contains":
        {
          String k = key(arg(c, args, 1, 2));
          for (Value v : list(args.get(0), p)) {
            if (key(v).equals(k)) {
              return new Value.Bool(true, p);
            }
          }
          return new Value.Bool(false, p);
        }
      case "coalesce":
        for (Value v : args) {
          if (!(v instanceof Value.Null) && !(v instanceof Value.Str && ((Value.Str) v).value().isEmpty())) {
            return v;
          }
        }
        throw error(p, "coalesce: every argument is null or empty");
      case "min":
      case "max":
        {
          if (args.isEmpty()) {
            throw error(p, c.name() + " needs at least one number");
          }
          BigDecimal best = number(args.get(0), p);
          for (Value v : args) {
            BigDecimal n = number(v, p);
            best = c.name().equals("min") ? best.min(n) : best.max(n);
          }
          return new Value.Num(best, p);
        }
      case "abs":
        return new Value.Num(number(arg(c, args, 0, 1), p).abs(), p);
      default:
        throw error(
            p,
            "function "
                + c.name()
                + "() is not supported by mcpwatch's import (supported: format, lower, upper,"
                + " title, trimspace, join, split, replace, substr, length, concat, flatten,"
                + " toset, tolist, tomap, keys, values, lookup, merge, element, contains,"
                + " coalesce, distinct, min, max, abs, tostring, tonumber)");
    }
  }

  private Value arg(Expr.Call c, List<Value> args, int i, int expected) {
    if (args.size() < expected) {
      throw error(
          c.pos(),
          c.name() + "() takes " + expected + " argument" + (expected == 1 ? "" : "s") + ", found " + args.size());
    }
    return args.get(i);
  }

  private String format(Expr.Call c, List<Value> args) {
    String f = string(arg(c, args, 0, 1), c.pos());
    StringBuilder sb = new StringBuilder();
    int next = 1;
    for (int i = 0; i < f.length(); i++) {
      char ch = f.charAt(i);
      if (ch != '%') {
        sb.append(ch);
        continue;
      }
      if (i + 1 >= f.length()) {
        throw error(c.pos(), "format: a lone % at the end");
      }
      char verb = f.charAt(++i);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      int pad = 0;
      while (Character.isDigit(verb) && i + 1 < f.length()) {
        pad = Math.min(pad * 10 + (verb - '0'), 1000);
        verb = f.charAt(++i);
      }
      if (next >= args.size()) {
        throw error(c.pos(), "format: not enough arguments for the verbs in " + f);
      }
      Value v = args.get(next++);
      String s;
      switch (verb) {
        case 's':
        case 'v':
          s = string(v, c.pos());
          break;
        case 'd':
          s = number(v, c.pos()).toBigInteger().toString();
          break;
        case 'q':
          s = "\"" + string(v, c.pos()).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
          break;
        default:
          throw error(c.pos(), "format: the verb %" + verb + " is not supported (use %s, %d, %q or %v)");
      }
      for (int k = s.length(); k < pad; k++) {
        sb.append(' ');
      }
      sb.append(s);
    }
    return sb.toString();
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder();
    boolean start = true;
    for (char ch : s.toCharArray()) {
      sb.append(start ? Character.toUpperCase(ch) : ch);
      start = !Character.isLetterOrDigit(ch);
    }
    return sb.toString();
  }

  private void flatten(List<Value> in, List<Value> out) {
    for (Value v : in) {
      if (v instanceof Value.ListV) {
        flatten(((Value.ListV) v).items(), out);
      } else {
        out.add(v);
      }
    }
  }

  private static Value.Str str(String s, Pos p) {
    return new Value.Str(s, p, 0);
  }

  private static Value.Num num(int n, Pos p) {
    return new Value.Num(BigDecimal.valueOf(n), p);
  }

  /** A value as a string, the way Terraform converts it (numbers, booleans); else an error. */
  public static String stringOf(Value v) {
    if (v instanceof Value.Str) {
      return ((Value.Str) v).value();
    }
    if (v instanceof Value.Num) {
      return ((Value.Num) v).value().stripTrailingZeros().toPlainString();
    }
    if (v instanceof Value.Bool) {
      return Boolean.toString(((Value.Bool) v).value());
    }
    throw new IllegalArgumentException(v.describe());
  }

  private String string(Value v, Pos pos) {
    if (v instanceof Value.Str || v instanceof Value.Num || v instanceof Value.Bool) {
      return stringOf(v);
    }
    throw error(pos, "expected a string, found " + v.describe());
  }

  private BigDecimal number(Value v, Pos pos) {
    if (v instanceof Value.Num) {
      return ((Value.Num) v).value();
    }
    if (v instanceof Value.Str) {
      try {
        return new BigDecimal(((Value.Str) v).value().strip());
      } catch (NumberFormatException e) {
        throw error(pos, "expected a number, found " + v.describe());
      }
    }
    throw error(pos, "expected a number, found " + v.describe());
  }

  private boolean bool(Value v, Pos pos) {
    if (v instanceof Value.Bool) {
      return ((Value.Bool) v).value();
    }
    if (v instanceof Value.Str
        && (((Value.Str) v).value().equals("true") || ((Value.Str) v).value().equals("false"))) {
      return ((Value.Str) v).value().equals("true");
    }
    throw error(pos, "expected true or false, found " + v.describe());
  }

  private List<Value> list(Value v, Pos pos) {
    if (v instanceof Value.ListV) {
      return ((Value.ListV) v).items();
    }
    throw error(pos, "expected a list, found " + v.describe());
  }

  private Value.ObjV object(Value v, Pos pos) {
    if (v instanceof Value.ObjV) {
      return (Value.ObjV) v;
    }
    if (v instanceof Value.Lazy) {
      Value.Lazy l = (Value.Lazy) v;
      Map<String, Value> m = new LinkedHashMap<>();
      for (String k : l.keys()) {
        m.put(k, l.get().apply(k));
      }
      return new Value.ObjV(m, pos);
    }
    throw error(pos, "expected a map or object, found " + v.describe());
  }

  private static boolean same(Value a, Value b) {
    return key(a).equals(key(b));
  }

  /** A canonical text of a value, for equality and sets. */
  static String key(Value v) {
    if (v instanceof Value.Str) {
      return "s" + ((Value.Str) v).value();
    }
    if (v instanceof Value.Num) {
      return "n" + ((Value.Num) v).value().stripTrailingZeros().toPlainString();
    }
    if (v instanceof Value.Bool) {
      return "b" + ((Value.Bool) v).value();
    }
    if (v instanceof Value.Null) {
      return "null";
    }
    if (v instanceof Value.ListV) {
      StringBuilder sb = new StringBuilder("[");
      for (Value i : ((Value.ListV) v).items()) {
        sb.append(key(i)).append(',');
      }
      return sb.append(']').toString();
    }
    if (v instanceof Value.ObjV) {
      StringBuilder sb = new StringBuilder("{");
      ((Value.ObjV) v).fields().forEach((k, x) -> sb.append(k).append('=').append(key(x)).append(','));
      return sb.append('}').toString();
    }
    return "?" + System.identityHashCode(v);
  }
}
