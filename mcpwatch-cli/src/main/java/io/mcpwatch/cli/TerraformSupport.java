package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import io.mcpwatch.terraform.ImportedConfig;
import io.mcpwatch.terraform.TerraformImport;
import io.mcpwatch.terraform.TerraformLint;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the CLI meets Terraform: a {@code .tf} file or a directory holding one, given where a
 * configuration file is expected ({@code validate}, {@code backtest}), is imported first, and
 * every message points at the {@code .tf} line.
 */
final class TerraformSupport {
  private TerraformSupport() {}

  /** Built on first use: every backtest asks {@link #isTerraform}, and a mapper loads ~400 classes. */
  private static final class Json {
    static final JsonMapper JSON = JsonMapper.builder().build();
  }

  /** Whether {@code path} is a {@code .tf} file or a directory with {@code .tf} files. */
  static boolean isTerraform(Path path) {
    return TerraformImport.isTerraform(path);
  }

  /** Imports {@code paths}; a user mistake is a UserError listing every problem. */
  static ImportedConfig importPaths(List<String> paths, List<String> vars, List<String> varFiles) {
    try {
      return TerraformImport.load(paths, vars, varFiles);
    } catch (TerraformImport.ImportException e) {
      throw new UserError(
          2,
          "cannot import "
              + String.join(" ", paths)
              + " ("
              + plural(e.problems().size(), "problem")
              + "):\n"
              + String.join("\n", e.problems()));
    } catch (NoSuchFileException e) {
      throw new UserError(1, e.getMessage() + ": no such file or directory");
    } catch (IOException e) {
      throw new UserError(1, "cannot read " + String.join(" ", paths) + ": " + e.getMessage());
    }
  }

  /** {@code validate PATH} for Terraform: findings at the .tf lines; the exit code. */
  static int validate(
      Path path, List<String> vars, List<String> varFiles, boolean json, java.io.PrintWriter out) {
    ImportedConfig c = importPaths(List.of(path.toString()), vars, varFiles);
    ConfigCheck check = ConfigFiles.check(path + " (imported)", c.yaml(), Map.of());
    List<TerraformLint.TfFinding> findings =
        TerraformLint.map(c, check.errors(), check.findings());
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    long infos = findings.size() - errors - warnings;
    int exit = TerraformLint.exitCode(findings);
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("path", path.toString());
      root.put("errors", errors);
      root.put("warnings", warnings);
      root.put("infos", infos);
      root.put("alarms", check.alarmCount());
      root.put("exitCode", exit);
      List<Map<String, Object>> list = new ArrayList<>();
      for (TerraformLint.TfFinding f : findings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().label());
        m.put("rule", f.rule());
        if (f.at() != null) {
          m.put("file", f.at().file());
          m.put("line", f.at().line());
          m.put("column", f.at().column());
        }
        m.put("path", f.path());
        m.put("message", f.message());
        if (f.awsError() != null) {
          m.put("awsError", f.awsError());
        }
        if (f.hclFix() != null) {
          m.put("fix", f.hclFix());
        } else if (f.suggestion() != null) {
          m.put("suggestion", f.suggestion());
        }
        list.add(m);
      }
      root.put("findings", list);
      root.put("notes", c.notes());
      out.print(Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    } else {
      for (String n : c.notes()) {
        out.println("note: " + n);
      }
      for (TerraformLint.TfFinding f : findings) {
        out.print(f.render());
      }
      out.println(
          path
              + ": "
              + (findings.isEmpty()
                  ? "ok"
                  : plural(errors, "error")
                      + ", "
                      + plural(warnings, "warning")
                      + ", "
                      + plural(infos, "info"))
              + "; "
              + plural(check.alarmCount(), "alarm")
              + " resolved");
    }
    out.flush();
    return exit;
  }

  /** The configuration of {@code path} for a command that runs alarms ({@code backtest}). */
  static LoadedConfig load(Path path, List<String> vars, List<String> varFiles) {
    ImportedConfig c = importPaths(List.of(path.toString()), vars, varFiles);
    ConfigCheck check = ConfigFiles.check(path + " (imported)", c.yaml(), Map.of());
    List<TerraformLint.TfFinding> findings =
        TerraformLint.map(c, check.errors(), check.findings());
    List<String> errors =
        findings.stream()
            .filter(f -> f.severity() == Severity.ERROR && !f.rule().equals("static-dimension"))
            .map(f -> f.render().strip())
            .collect(Collectors.toList());
    if (!errors.isEmpty() || check.config() == null || check.resolution() == null) {
      throw new UserError(
          2,
          path
              + " has "
              + plural(errors.size(), "error")
              + ":\n"
              + String.join("\n", errors)
              + "\n(mcpwatch validate "
              + path
              + " explains them and suggests fixes)");
    }
    List<Finding> rest =
        check.findings().stream()
            .filter(f -> f.severity() != Severity.ERROR)
            .collect(Collectors.toList());
    return new LoadedConfig(path, check.config(), check.resolution().alarms(), rest);
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
