package io.mcpwatch.terraform;

import io.mcpwatch.terraform.hcl.Body;
import io.mcpwatch.terraform.hcl.HclException;
import io.mcpwatch.terraform.hcl.HclParser;
import io.mcpwatch.terraform.hcl.Pos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The parsed {@code .tf} files of one directory (or the files given): its declarations. */
final class TfModule {
  final Path dir;
  final Map<String, Body.Block> variables = new LinkedHashMap<>();
  final Map<String, Body.Attribute> locals = new LinkedHashMap<>();
  final Map<String, Body.Block> outputs = new LinkedHashMap<>();
  final Map<String, Body.Block> modules = new LinkedHashMap<>();
  /** type to name to block, in file order. */
  final Map<String, Map<String, Body.Block>> resources = new LinkedHashMap<>();

  private final Map<String, String> texts;

  private TfModule(Path dir, Map<String, String> texts) {
    this.dir = dir;
    this.texts = texts;
  }

  /** The source text at {@code pos}, on one line. */
  String text(Pos pos) {
    String t = texts.get(pos.file());
    return t == null ? "?" : HclParser.excerpt(t, pos);
  }

  /** All files' texts (shared with child modules so that any position can be shown). */
  Map<String, String> texts() {
    return texts;
  }

  /**
   * Loads {@code path}: a directory (its {@code *.tf} files, in name order) or one {@code .tf}
   * file. {@code shown} is how the user named it, used in positions.
   */
  static TfModule load(Path path, String shown, Map<String, String> texts) throws IOException {
    List<Path> files = new ArrayList<>();
    Map<Path, String> names = new HashMap<>();
    Path dir;
    if (Files.isDirectory(path)) {
      dir = path;
      try (Stream<Path> s = Files.list(path)) {
        s.filter(p -> p.getFileName().toString().endsWith(".tf") && Files.isRegularFile(p))
            .sorted()
            .forEach(files::add);
      }
      String prefix = shown.endsWith("/") ? shown : shown + "/";
      for (Path f : files) {
        names.put(f, prefix + f.getFileName());
      }
      if (files.isEmpty()) {
        throw new IOException(shown + ": no .tf files in this directory");
      }
    } else {
      dir = path.toAbsolutePath().getParent();
      files.add(path);
      names.put(path, shown);
    }
    TfModule m = new TfModule(dir, texts);
    for (Path f : files) {
      String name = names.get(f);
      String text = Files.readString(f, StandardCharsets.UTF_8);
      texts.put(name, text);
      m.add(HclParser.parse(name, text));
    }
    return m;
  }

  private void add(Body body) {
    for (Body.Attribute a : body.attributes()) {
      throw new HclException(
          a.pos(), "a .tf file holds blocks (resource, variable, ...), not a top-level attribute " + a.name());
    }
    for (Body.Block b : body.blocks()) {
      switch (b.type()) {
        case "variable":
          put(variables, one(b), b, "variable");
          break;
        case "output":
          put(outputs, one(b), b, "output");
          break;
        case "module":
          put(modules, one(b), b, "module");
          break;
        case "locals":
          for (Body.Attribute a : b.body().attributes()) {
            Body.Attribute prev = locals.putIfAbsent(a.name(), a);
            if (prev != null) {
              throw new HclException(
                  a.pos(), "local." + a.name() + " is defined twice (first at " + prev.pos() + ")");
            }
          }
          break;
        case "resource":
          if (b.labels().size() != 2) {
            throw new HclException(b.pos(), "expected resource \"TYPE\" \"NAME\" { ... }");
          }
          put(
              resources.computeIfAbsent(b.labels().get(0), k -> new LinkedHashMap<>()),
              b.labels().get(1),
              b,
              b.labels().get(0));
          break;
        default:
          // terraform, provider, data, moved, import, check ...: nothing mcpwatch needs
          break;
      }
    }
  }

  private static String one(Body.Block b) {
    if (b.labels().size() != 1) {
      throw new HclException(b.pos(), "expected " + b.type() + " \"NAME\" { ... }");
    }
    return b.labels().get(0);
  }

  private static void put(Map<String, Body.Block> map, String name, Body.Block b, String what) {
    Body.Block prev = map.putIfAbsent(name, b);
    if (prev != null) {
      throw new HclException(
          b.pos(), what + " " + name + " is declared twice (first at " + prev.pos() + ")");
    }
  }
}
