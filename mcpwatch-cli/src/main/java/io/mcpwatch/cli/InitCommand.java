package io.mcpwatch.cli;

import io.mcpwatch.configfile.CheckReport;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcpwatch init [FILE]}: writes the ADR-0003 starter configuration. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a starter configuration: ADR-0003's four alarms (OBO auth failures, errors, HTTP 4xx,"
          + " HTTP 5xx) for four MCP apps in dev and prod, with patterns that work on Python and"
          + " uvicorn logs and comments on where they differ from the ADR."
    })
final class InitCommand implements Callable<Integer> {
  /** The template, next to this class in the jar. */
  static final String TEMPLATE = "mcpwatch-init.yaml";

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "mcpwatch.yaml",
      paramLabel = "FILE",
      description = "Where to write (default: ${DEFAULT-VALUE}).")
  Path file;

  @Option(names = "--force", description = "Overwrite FILE if it exists.")
  boolean force;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String template = template();
    try {
      if (force) {
        Files.writeString(file, template, StandardCharsets.UTF_8);
      } else {
        Files.writeString(
            file,
            template,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      }
    } catch (FileAlreadyExistsException e) {
      throw new UserError(2, file + " already exists; use --force to overwrite it");
    } catch (NoSuchFileException e) {
      throw new UserError(2, "cannot write " + file + ": the directory does not exist");
    } catch (IOException e) {
      throw new UserError(2, "cannot write " + file + ": " + e.getMessage());
    }
    ConfigCheck check = ConfigFiles.check(file.toString(), template);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %s: %s for %d environments x %d apps x %d alarms%n"
                + "next: set the subscribers' email addresses, then run: mcpwatch validate -c %s%n",
            file,
            CheckReport.summary(check).replaceFirst("^.*; ", ""),
            check.config() == null ? 0 : check.config().environments().size(),
            check.config() == null ? 0 : check.config().apps().size(),
            check.config() == null ? 0 : check.config().alarms().size(),
            file);
    return 0;
  }

  static String template() {
    return ConfigFiles.initTemplate();
  }

}
