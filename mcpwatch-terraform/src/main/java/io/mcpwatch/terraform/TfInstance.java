package io.mcpwatch.terraform;

import io.mcpwatch.terraform.hcl.Body;
import io.mcpwatch.terraform.hcl.Evaluator;
import io.mcpwatch.terraform.hcl.HclException;
import io.mcpwatch.terraform.hcl.Pos;
import io.mcpwatch.terraform.hcl.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One instance of a module (the root, or one call of a {@code module} block, one per {@code
 * for_each} key): the scope its expressions are evaluated in. {@code var}, {@code local}, {@code
 * module}, resources, {@code each} / {@code count}, {@code path} and {@code terraform.workspace}
 * resolve as in Terraform; {@code data} sources and computed attributes ({@code id}, most {@code
 * arn}s) are {@link Value.Unknown}.
 */
final class TfInstance implements Evaluator.Scope {
  final TfModule module;
  /** {@code ""} for the root, {@code module.mcp["teams"]} for a call. */
  final String address;
  final Map<String, Value> inputs;
  /** {@code each} and {@code count} of the resource (or module call) being evaluated. */
  private final Map<String, Value> bound;
  private final Loader loader;
  private final Map<String, Value> localValues = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  /** Loads and caches the modules that calls refer to. */
  static final class Loader {
    private final Map<Path, TfModule> modules = new HashMap<>();
    final Map<String, String> texts = new LinkedHashMap<>();

    TfModule load(Path dir, String shown) throws IOException {
      Path key = dir.toAbsolutePath().normalize();
      TfModule m = modules.get(key);
      if (m == null) {
        m = TfModule.load(dir, shown, texts);
        modules.put(key, m);
      }
      return m;
    }
  }

  TfInstance(TfModule module, String address, Map<String, Value> inputs, Loader loader) {
    this(module, address, inputs, Map.of(), loader);
  }

  private TfInstance(
      TfModule module,
      String address,
      Map<String, Value> inputs,
      Map<String, Value> bound,
      Loader loader) {
    this.module = module;
    this.address = address;
    this.inputs = Map.copyOf(inputs);
    this.bound = bound;
    this.loader = loader;
  }

  /** The same instance with {@code each}/{@code count} bound (for one resource instance). */
  TfInstance bind(Map<String, Value> binding) {
    return new TfInstance(module, address, inputs, binding, loader);
  }

  /** The same module with other inputs (the symbolic twin: app and env as placeholders). */
  TfInstance withInputs(Map<String, Value> more) {
    Map<String, Value> m = new LinkedHashMap<>(inputs);
    m.putAll(more);
    return new TfInstance(module, address, m, bound, loader);
  }

  Map<String, Value> binding() {
    return bound;
  }

  Value eval(io.mcpwatch.terraform.hcl.Expr e) {
    return Evaluator.eval(e, this);
  }

  @Override
  public String text(Pos pos) {
    return module.text(pos);
  }

  @Override
  public Value root(String name, Pos pos) {
    switch (name) {
      case "var":
        return new Value.Lazy(
            k -> referenced(variable(k), k, pos), module.variables.keySet(), "variable", pos);
      case "local":
        return new Value.Lazy(k -> local(k), module.locals.keySet(), "local value", pos);
      case "each":
      case "count":
        {
          Value v = bound.get(name);
          if (v == null) {
            throw new HclException(
                pos,
                name + " is only valid in a resource or module block with "
                    + (name.equals("each") ? "for_each" : "count"));
          }
          return v;
        }
      case "module":
        return new Value.Lazy(k -> moduleValue(k, pos), module.modules.keySet(), "module", pos);
      case "data":
        return new Value.Unknown(
            module.text(pos) + "...", "data sources are read from AWS at apply time", pos);
      case "path":
        {
          Map<String, Value> m = new LinkedHashMap<>();
          m.put("module", new Value.Str(module.dir.toString(), pos, 0));
          m.put("root", new Value.Str(module.dir.toString(), pos, 0));
          m.put("cwd", new Value.Str(module.dir.toString(), pos, 0));
          return new Value.ObjV(m, pos);
        }
      case "terraform":
        return new Value.ObjV(Map.of("workspace", new Value.Str("default", pos, 0)), pos);
      default:
        Map<String, Body.Block> byName = module.resources.get(name);
        if (byName == null) {
          throw new HclException(
              pos,
              "unknown reference "
                  + name
                  + ": not var, local, module, each, count, path or a resource declared in the"
                  + " files read");
        }
        return new Value.Lazy(k -> resourceValue(byName.get(k)), byName.keySet(), "resource " + name, pos);
    }
  }

  /**
   * A variable's value as seen at {@code var.NAME} ({@code pos} is where {@code var} is written):
   * a string computed elsewhere (a call's {@code each.key}, an interpolation) is remembered here,
   * where the module uses it; a literal keeps its own position, where a fix would be written.
   */
  private static Value referenced(Value v, String name, Pos pos) {
    if (v instanceof Value.Str && ((Value.Str) v).textColumn() == 0) {
      return v.at(new Pos(pos.file(), pos.line(), pos.column(), pos.start(), pos.start() + 4 + name.length()));
    }
    return v;
  }

  Value variable(String name) {
    Value v = inputs.get(name);
    if (v != null) {
      return v;
    }
    Body.Block b = module.variables.get(name);
    Body.Attribute def = b.body().attribute("default");
    if (def != null) {
      return Evaluator.eval(def.expr(), new NoRefs(this));
    }
    return new Value.Unknown(
        "var." + name,
        "variable "
            + name
            + " (declared at "
            + b.pos()
            + ") has no default and no value"
            + (address.isEmpty() ? "; pass --var " + name + "=VALUE or --var-file" : " from " + address),
        b.pos());
  }

  private Value local(String name) {
    Value v = localValues.get(name);
    if (v != null) {
      return v;
    }
    Body.Attribute a = module.locals.get(name);
    if (!inProgress.add(name)) {
      throw new HclException(a.pos(), "local." + name + " refers to itself");
    }
    try {
      v = Evaluator.eval(a.expr(), bound.isEmpty() ? this : new TfInstance(module, address, inputs, Map.of(), loader));
    } finally {
      inProgress.remove(name);
    }
    localValues.put(name, v);
    return v;
  }

  /** One binding of {@code each}/{@code count} per instance of a resource or module block. */
  record Binding(String key, Map<String, Value> values) {}

  List<Binding> expand(Body.Block b) {
    Body.Attribute count = b.body().attribute("count");
    Body.Attribute forEach = b.body().attribute("for_each");
    if (count != null && forEach != null) {
      throw new HclException(count.pos(), "count and for_each cannot both be set");
    }
    List<Binding> out = new ArrayList<>();
    if (count != null) {
      Value n = eval(count.expr());
      if (n instanceof Value.Unknown) {
        throw unknown(count, (Value.Unknown) n, "count must be known before apply");
      }
      if (!(n instanceof Value.Num)) {
        throw new HclException(count.expr().pos(), "count must be a number, found " + n.describe());
      }
      int c = ((Value.Num) n).value().intValue();
      if (c < 0 || c > 10_000) {
        throw new HclException(count.expr().pos(), "count must be between 0 and 10000, found " + c);
      }
      for (int i = 0; i < c; i++) {
        Value idx = new Value.Num(BigDecimal.valueOf(i), count.pos());
        out.add(
            new Binding(
                "[" + i + "]", Map.of("count", new Value.ObjV(Map.of("index", idx), count.pos()))));
      }
      return out;
    }
    if (forEach != null) {
      Value coll = eval(forEach.expr());
      if (coll instanceof Value.Unknown) {
        throw unknown(forEach, (Value.Unknown) coll, "for_each must be known before apply");
      }
      Map<String, Value> pairs = new LinkedHashMap<>();
      if (coll instanceof Value.ListV) {
        for (Value item : ((Value.ListV) coll).items()) {
          if (!(item instanceof Value.Str)) {
            throw new HclException(
                forEach.expr().pos(),
                "for_each over a list needs strings (a set of strings), found " + item.describe());
          }
          pairs.put(((Value.Str) item).value(), item);
        }
      } else if (coll instanceof Value.ObjV) {
        pairs.putAll(((Value.ObjV) coll).fields());
      } else {
        throw new HclException(
            forEach.expr().pos(), "for_each needs a map or a set of strings, found " + coll.describe());
      }
      pairs.forEach(
          (k, v) -> {
            Map<String, Value> each = new LinkedHashMap<>();
            each.put("key", new Value.Str(k, forEach.pos(), 0));
            each.put("value", v);
            out.add(
                new Binding(
                    "[\"" + k + "\"]", Map.of("each", new Value.ObjV(each, forEach.pos()))));
          });
      return out;
    }
    out.add(new Binding("", Map.of()));
    return out;
  }

  HclException unknown(Body.Attribute a, Value.Unknown u, String what) {
    return new HclException(
        a.expr().pos(),
        "cannot resolve " + module.text(a.expr().pos()) + ": " + u.expression() + " is not known ("
            + u.reason() + "); " + what);
  }

  private Value resourceValue(Body.Block b) {
    List<Binding> bindings = expand(b);
    boolean counted = b.body().attribute("count") != null;
    boolean each = b.body().attribute("for_each") != null;
    if (!counted && !each) {
      return resourceInstance(b, bind(Map.of()));
    }
    if (counted) {
      List<Value> items = new ArrayList<>();
      for (Binding bd : bindings) {
        items.add(resourceInstance(b, bind(bd.values())));
      }
      return new Value.ListV(items, b.pos());
    }
    Map<String, Value> m = new LinkedHashMap<>();
    for (Binding bd : bindings) {
      String key = bd.key().substring(2, bd.key().length() - 2);
      m.put(key, resourceInstance(b, bind(bd.values())));
    }
    return new Value.ObjV(m, b.pos());
  }

  /** A resource instance's attributes and nested blocks, evaluated when asked for. */
  static Value resourceInstance(Body.Block b, TfInstance scope) {
    Set<String> keys = new LinkedHashSet<>();
    b.body().attributes().forEach(a -> keys.add(a.name()));
    b.body().blocks().forEach(x -> keys.add(x.type()));
    keys.add("id");
    keys.add("arn");
    String type = b.labels().get(0);
    String address = type + "." + b.labels().get(1);
    return new Value.Lazy(
        k -> {
          Body.Attribute a = b.body().attribute(k);
          if (a != null) {
            return scope.eval(a.expr());
          }
          List<Body.Block> blocks = b.body().blocks(k);
          if (!blocks.isEmpty()) {
            List<Value> items = new ArrayList<>();
            for (Body.Block nested : blocks) {
              items.add(blockValue(nested, scope));
            }
            return new Value.ListV(items, blocks.get(0).pos());
          }
          if (k.equals("arn") && type.equals("aws_sns_topic")) {
            Body.Attribute name = b.body().attribute("name");
            if (name != null) {
              Value n = scope.eval(name.expr());
              if (n instanceof Value.Str) {
                return new Value.Str(TopicArns.arn(((Value.Str) n).value()), n.origin(), 0);
              }
              return n;
            }
          }
          return new Value.Unknown(address + "." + k, "computed by AWS at apply time", b.pos());
        },
        keys,
        "attribute of " + address,
        b.pos());
  }

  private static Value blockValue(Body.Block nested, TfInstance scope) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (Body.Attribute a : nested.body().attributes()) {
      m.put(a.name(), scope.eval(a.expr()));
    }
    for (Body.Block inner : nested.body().blocks()) {
      List<Value> items = new ArrayList<>();
      for (Body.Block x : nested.body().blocks(inner.type())) {
        items.add(blockValue(x, scope));
      }
      m.put(inner.type(), new Value.ListV(items, inner.pos()));
    }
    return new Value.ObjV(m, nested.pos());
  }

  // ---- module calls

  private final Map<String, Value> moduleValues = new HashMap<>();

  private Value moduleValue(String name, Pos pos) {
    Value v = moduleValues.get(name);
    if (v != null) {
      return v;
    }
    Body.Block call = module.modules.get(name);
    List<Binding> bindings = expand(call);
    boolean counted = call.body().attribute("count") != null;
    boolean each = call.body().attribute("for_each") != null;
    if (!counted && !each) {
      v = outputs(child(call, bindings.get(0)), call.pos());
    } else if (counted) {
      List<Value> items = new ArrayList<>();
      for (Binding bd : bindings) {
        items.add(outputs(child(call, bd), call.pos()));
      }
      v = new Value.ListV(items, call.pos());
    } else {
      Map<String, Value> m = new LinkedHashMap<>();
      for (Binding bd : bindings) {
        m.put(bd.key().substring(2, bd.key().length() - 2), outputs(child(call, bd), call.pos()));
      }
      v = new Value.ObjV(m, call.pos());
    }
    moduleValues.put(name, v);
    return v;
  }

  private static Value outputs(TfInstance child, Pos pos) {
    return new Value.Lazy(
        k -> {
          Body.Attribute value = child.module.outputs.get(k).body().attribute("value");
          if (value == null) {
            throw new HclException(child.module.outputs.get(k).pos(), "output " + k + " has no value");
          }
          return child.eval(value.expr());
        },
        child.module.outputs.keySet(),
        "output",
        pos);
  }

  private final Map<String, TfInstance> children = new HashMap<>();
  private static final int MAX_MODULE_DEPTH = 16;

  /** The instance of module call {@code call} for one binding. */
  TfInstance child(Body.Block call, Binding bd) {
    String addr =
        (address.isEmpty() ? "" : address + ".") + "module." + call.labels().get(0) + bd.key();
    TfInstance c = children.get(addr);
    if (c != null) {
      return c;
    }
    if (addr.split("module\\.", -1).length > MAX_MODULE_DEPTH + 1) {
      throw new HclException(
          call.pos(),
          "modules are nested more than " + MAX_MODULE_DEPTH + " deep (does a module call itself?)");
    }
    Body.Attribute source = call.body().attribute("source");
    if (source == null) {
      throw new HclException(call.pos(), "module " + call.labels().get(0) + " has no source");
    }
    Value src = eval(source.expr());
    if (!(src instanceof Value.Str)) {
      throw new HclException(source.expr().pos(), "source must be a literal string");
    }
    String s = ((Value.Str) src).value();
    if (!s.startsWith("./") && !s.startsWith("../")) {
      throw new HclException(
          source.expr().pos(),
          "only local module sources (./ or ../) can be read, found \"" + s + "\"");
    }
    String shownParent = shownDir();
    TfModule m;
    try {
      m = loader.load(module.dir.resolve(s), normalize(shownParent + s));
    } catch (IOException e) {
      throw new HclException(source.expr().pos(), "cannot read module " + s + ": " + e.getMessage());
    }
    TfInstance scope = bind(bd.values());
    Map<String, Value> in = new LinkedHashMap<>();
    for (Body.Attribute a : call.body().attributes()) {
      switch (a.name()) {
        case "source":
        case "version":
        case "count":
        case "for_each":
        case "providers":
        case "depends_on":
          break;
        default:
          if (!m.variables.containsKey(a.name())) {
            throw new HclException(
                a.pos(),
                "module "
                    + call.labels().get(0)
                    + " has no variable "
                    + a.name()
                    + " (declared: "
                    + String.join(", ", m.variables.keySet())
                    + ")");
          }
          in.put(a.name(), scope.eval(a.expr()));
      }
    }
    c = new TfInstance(m, addr, in, loader);
    children.put(addr, c);
    return c;
  }

  /** The directory of this module as the user sees it, ending in "/". */
  private String shownDir() {
    for (Body.Block b : module.variables.values()) {
      return parentOf(b.pos().file());
    }
    for (Map<String, Body.Block> byName : module.resources.values()) {
      for (Body.Block b : byName.values()) {
        return parentOf(b.pos().file());
      }
    }
    for (Body.Block b : module.modules.values()) {
      return parentOf(b.pos().file());
    }
    return "";
  }

  private static String parentOf(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash + 1);
  }

  /** {@code a/b/../c/./d} to {@code a/c/d}. */
  static String normalize(String path) {
    List<String> out = new ArrayList<>();
    boolean abs = path.startsWith("/");
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
        out.remove(out.size() - 1);
      } else {
        out.add(part);
      }
    }
    String s = String.join("/", out);
    return abs ? "/" + s : s.isEmpty() ? "." : s;
  }

  /** Evaluates a variable default: no references are allowed there. */
  private static final class NoRefs implements Evaluator.Scope {
    private final TfInstance owner;

    NoRefs(TfInstance owner) {
      this.owner = owner;
    }

    @Override
    public Value root(String name, Pos pos) {
      throw new HclException(pos, "a variable default cannot refer to " + name);
    }

    @Override
    public String text(Pos pos) {
      return owner.text(pos);
    }
  }
}
