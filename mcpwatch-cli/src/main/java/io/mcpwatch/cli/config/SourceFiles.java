package io.mcpwatch.cli.config;

import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ServiceSettings.SourceSettings;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The checks of {@code validate} that need the file system: every glob of a file or docker source
 * must be a valid glob (an error: {@code mcpwatch run} would refuse it), and one that matches no
 * file now is a warning (the tailer picks files up when they appear, but a typo would go unseen).
 *
 * <p>Globs are read as the tailer reads them ({@link java.nio.file.FileSystem#getPathMatcher}
 * syntax, relative ones against the configuration file's directory, as {@code mcpwatch run}
 * resolves them), and expanded by walking from their longest literal directory, only as deep as
 * they can match, stopping at the first match or after {@value #MAX_VISITS} entries (then the glob
 * is not reported).
 */
final class SourceFiles {
  private SourceFiles() {}

  /** Rule id of the glob warning. */
  static final String NO_MATCH = "source-glob-matches-nothing";

  /** How many directory entries one glob may visit before the check gives up on it. */
  static final int MAX_VISITS = 100_000;

  /** {@code check} with the file-system errors and findings added, each list in file order. */
  static ConfigCheck apply(ConfigCheck check, Path baseDirectory) {
    McpwatchConfig config = check.config();
    if (config == null) {
      return check;
    }
    List<ConfigError> errors = new ArrayList<>(check.errors());
    List<Finding> findings = new ArrayList<>(check.findings());
    for (SourceSettings s : config.service().sources()) {
      if (s.type().equals("stdin")) {
        continue;
      }
      for (String glob : s.paths()) {
        Glob g;
        try {
          g = Glob.parse(glob, baseDirectory);
        } catch (IllegalArgumentException e) {
          errors.add(new ConfigError(s.path(), s.line(), s.column(), e.getMessage()));
          continue;
        }
        if (g.matchesNothing()) {
          findings.add(
              new Finding(
                  Severity.WARNING,
                  NO_MATCH,
                  s.path(),
                  s.line(),
                  s.column(),
                  "the glob "
                      + glob
                      + " matches no file now"
                      + (g.relative ? " (relative to " + baseDirectory + ")" : "")
                      + ", or its directory cannot be read by this user; mcpwatch run picks"
                      + " files up when they appear",
                  "check the path; for Docker logs: /var/lib/docker/containers/*/*-json.log"
                      + " (readable by root)"));
        }
      }
    }
    errors.sort(null);
    findings.sort(null);
    return new ConfigCheck(check.file(), config, check.resolution(), errors, findings);
  }

  /** One glob: where to start walking, how deep, and the matcher. */
  private static final class Glob {
    final Path base;
    final int depth;
    final PathMatcher matcher;
    final boolean relative;

    private Glob(Path base, int depth, PathMatcher matcher, boolean relative) {
      this.base = base;
      this.depth = depth;
      this.matcher = matcher;
      this.relative = relative;
    }

    static Glob parse(String text, Path baseDirectory) {
      Path absolute;
      boolean relative;
      try {
        Path p = Path.of(text);
        relative = !p.isAbsolute();
        absolute = baseDirectory.resolve(p).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(
            "the glob " + text + " is not a path: " + e.getMessage(), e);
      }
      Path base = absolute.getRoot();
      int literal = 0;
      int count = absolute.getNameCount();
      while (literal < count - 1 && !hasMeta(absolute.getName(literal).toString())) {
        base = base == null ? absolute.getName(literal) : base.resolve(absolute.getName(literal));
        literal++;
      }
      int depth = count - literal;
      for (int i = literal; i < count; i++) {
        if (absolute.getName(i).toString().contains("**")) {
          depth = Integer.MAX_VALUE;
        }
      }
      if (base == null) {
        throw new IllegalArgumentException("the glob " + text + " has no directory to search");
      }
      PathMatcher matcher;
      try {
        matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the glob " + text + " is not a valid glob: " + e.getMessage(), e);
      }
      return new Glob(base, depth, matcher, relative);
    }

    private static boolean hasMeta(String name) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c == '*' || c == '?' || c == '[' || c == '{' || c == '\\') {
          return true;
        }
      }
      return false;
    }

    /** True when a complete walk found no regular file; false on a match or an incomplete walk. */
    boolean matchesNothing() {
      if (!Files.isDirectory(base)) {
        return true;
      }
      boolean[] found = {false};
      int[] visits = {0};
      try {
        Files.walkFileTree(
            base,
            EnumSet.noneOf(FileVisitOption.class),
            depth,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return ++visits[0] > MAX_VISITS
                    ? FileVisitResult.TERMINATE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (matcher.matches(file) && Files.isRegularFile(file)) {
                  found[0] = true;
                  return FileVisitResult.TERMINATE;
                }
                return ++visits[0] > MAX_VISITS
                    ? FileVisitResult.TERMINATE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        return false;
      }
      return !found[0] && visits[0] <= MAX_VISITS;
    }
  }
}
