package io.mcpwatch.terraform;

import io.mcpwatch.terraform.hcl.Body;
import io.mcpwatch.terraform.hcl.Evaluator;
import io.mcpwatch.terraform.hcl.Expr;
import io.mcpwatch.terraform.hcl.HclException;
import io.mcpwatch.terraform.hcl.HclParser;
import io.mcpwatch.terraform.hcl.Pos;
import io.mcpwatch.terraform.hcl.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code mcpwatch import terraform PATH...}: reads {@code .tf} files (a root, a module, or a root
 * that calls local modules) and turns their {@code aws_cloudwatch_log_metric_filter}, {@code
 * aws_cloudwatch_metric_alarm}, {@code aws_sns_topic} and {@code aws_sns_topic_subscription}
 * resources into mcpwatch's configuration.
 *
 * <p>Apps and environments: a module's variable named {@code appname} ({@code app_name}, {@code
 * app}, {@code mcp}, {@code mcp_name}, {@code service}) is the app and {@code environment} ({@code
 * env}, {@code stage}) the environment. Each module instance (a {@code module} block per {@code
 * for_each} key) is one app in one environment; a root resource with {@code for_each} and no app
 * variable has one app per key. To tell which parts of a value are the app and the environment,
 * each instance is evaluated twice, once as written and once with the app and environment
 * variables set to {@code {app}} and {@code {env}}: where the second, filled in, gives the first,
 * it becomes the template (a log group {@code /ecs/...-{env}-.../{app}}); otherwise the concrete
 * value is kept for that app and environment (an override). A module read on its own, without
 * {@code --var appname=...}, has one example app named after the variable.
 */
public final class TerraformImport {
  private TerraformImport() {}

  static final List<String> APP_VARS =
      List.of("appname", "app_name", "app", "mcp_name", "mcp", "service_name", "service");
  static final List<String> ENV_VARS = List.of("environment", "env", "environment_name", "stage");

  /** Raised with every problem found, one line each ({@code file:line:column: message}). */
  public static final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    ImportException(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /**
   * Whether {@code path} is Terraform: a {@code .tf} file, or a directory that holds one.
   */
  public static boolean isTerraform(Path path) {
    if (Files.isRegularFile(path)) {
      return path.getFileName().toString().endsWith(".tf");
    }
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        return s.anyMatch(p -> p.getFileName().toString().endsWith(".tf"));
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Imports {@code paths} (each a root module directory or {@code .tf} file, named as the user
   * wrote it), with {@code vars} ({@code name=value}, as {@code terraform -var}) and {@code
   * varFiles} ({@code .tfvars}) setting the roots' variables.
   */
  public static ImportedConfig load(List<String> paths, List<String> vars, List<String> varFiles)
      throws ImportException, IOException {
    List<String> problems = new ArrayList<>();
    TfInstance.Loader loader = new TfInstance.Loader();
    AlarmCollector collector = new AlarmCollector(problems, loader.texts);
    for (String shown : paths) {
      Path path = Path.of(shown);
      if (!Files.exists(path)) {
        throw new NoSuchFileException(shown);
      }
      TfModule module;
      try {
        module = loader.load(path, shown.equals(".") ? "" : stripSlash(shown));
      } catch (HclException e) {
        problems.add(e.render());
        continue;
      }
      Map<String, Value> inputs = new LinkedHashMap<>();
      try {
        for (String f : varFiles) {
          inputs.putAll(varFile(f, module));
        }
        for (String v : vars) {
          int eq = v.indexOf('=');
          if (eq <= 0) {
            problems.add("--var " + v + ": expected NAME=VALUE");
            continue;
          }
          String name = v.substring(0, eq);
          if (!module.variables.containsKey(name)) {
            problems.add(
                "--var "
                    + v
                    + ": "
                    + shown
                    + " declares no variable "
                    + name
                    + " (declared: "
                    + String.join(", ", module.variables.keySet())
                    + ")");
            continue;
          }
          inputs.put(name, cliValue(name, v.substring(eq + 1)));
        }
      } catch (HclException e) {
        problems.add(e.render());
        continue;
      }
      // a free app or environment variable of the module read on its own: one example
      for (String n : APP_VARS) {
        freeExample(module, inputs, n);
      }
      for (String n : ENV_VARS) {
        freeExample(module, inputs, n);
      }
      collector.collect(new TfInstance(module, "", inputs, loader), null, null);
    }
    if (!problems.isEmpty()) {
      throw new ImportException(problems);
    }
    ImportedConfig config = collector.build();
    if (!problems.isEmpty()) {
      throw new ImportException(problems);
    }
    return config;
  }

  private static void freeExample(TfModule module, Map<String, Value> inputs, String name) {
    Body.Block b = module.variables.get(name);
    if (b != null && !inputs.containsKey(name) && b.body().attribute("default") == null) {
      inputs.put(name, new Value.Str(name, b.pos(), 0));
    }
  }

  private static String stripSlash(String s) {
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** A {@code --var} value: HCL for lists, maps and numbers, else the text as a string. */
  private static Value cliValue(String name, String text) {
    String t = text.strip();
    if (t.startsWith("[") || t.startsWith("{")) {
      Expr e = HclParser.parseExpression("--var " + name, t);
      return Evaluator.eval(e, noRefs("--var " + name, t));
    }
    Pos pos = new Pos("--var " + name, 1, 1, 0, text.length());
    return new Value.Str(text, pos, 0);
  }

  private static Map<String, Value> varFile(String file, TfModule module) throws IOException {
    String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    Body body = HclParser.parse(file, text);
    Map<String, Value> out = new LinkedHashMap<>();
    for (Body.Attribute a : body.attributes()) {
      if (!module.variables.containsKey(a.name())) {
        throw new HclException(
            a.pos(),
            "no variable "
                + a.name()
                + " is declared (declared: "
                + String.join(", ", module.variables.keySet())
                + ")");
      }
      out.put(a.name(), Evaluator.eval(a.expr(), noRefs(file, text)));
    }
    if (!body.blocks().isEmpty()) {
      throw new HclException(body.blocks().get(0).pos(), "a .tfvars file holds name = value lines only");
    }
    return out;
  }

  private static Evaluator.Scope noRefs(String file, String text) {
    return new Evaluator.Scope() {
      @Override
      public Value root(String name, Pos pos) {
        throw new HclException(pos, "a variable value cannot refer to " + name);
      }

      @Override
      public String text(Pos pos) {
        return HclParser.excerpt(text, pos);
      }
    };
  }

  static boolean isAppVar(String name) {
    return APP_VARS.contains(name);
  }

  static Set<String> interesting() {
    return Set.of(
        "aws_cloudwatch_log_metric_filter",
        "aws_cloudwatch_metric_alarm",
        "aws_sns_topic",
        "aws_sns_topic_subscription");
  }
}
