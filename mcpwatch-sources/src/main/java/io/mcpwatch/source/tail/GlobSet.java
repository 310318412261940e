package io.mcpwatch.source.tail;

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
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * File globs ({@link java.nio.file.FileSystem#getPathMatcher} syntax: {@code *}, {@code ?}, {@code
 * **}, {@code [..]}, {@code {a,b}}), relative ones resolved against the working directory. Each is
 * expanded by walking from its longest literal directory prefix, only as deep as it can match.
 * The tailer follows what they match; {@code validate} uses the same parsing and walk to warn about
 * a glob that matches nothing.
 */
public final class GlobSet {
  private record Glob(String text, Path base, int depth, PathMatcher matcher) {}

  private final List<Glob> globs;

  private GlobSet(List<Glob> globs) {
    this.globs = List.copyOf(globs);
  }

  /**
   * Parses the globs.
   *
   * @throws IllegalArgumentException naming the glob that is blank, not a path or not a glob
   */
  public static GlobSet parse(List<String> globs) {
    if (globs.isEmpty()) {
      throw new IllegalArgumentException("at least one file glob is required");
    }
    List<Glob> parsed = new ArrayList<>();
    for (String text : globs) {
      parsed.add(parseOne(text));
    }
    return new GlobSet(parsed);
  }

  private static Glob parseOne(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a file glob must not be blank");
    }
    Path absolute;
    try {
      absolute = Path.of(text).toAbsolutePath().normalize();
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
    return new Glob(text, base, depth, matcher);
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

  /** True if the absolute, normalized path matches one of the globs. */
  boolean matches(Path path) {
    for (Glob glob : globs) {
      if (glob.matcher.matches(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The regular files (symbolic links followed) the globs match now, sorted. Directories that do
   * not exist or cannot be read are skipped: they may appear later.
   */
  SortedSet<Path> expand() {
    SortedSet<Path> found = new TreeSet<>();
    for (Glob glob : globs) {
      walk(glob, Long.MAX_VALUE, file -> {
        found.add(file);
        return true;
      });
    }
    return found;
  }

  /**
   * Whether a complete walk finds no regular file for any glob. False as soon as one file matches,
   * and false when a walk gives up after {@code maxVisits} directory entries (nothing is known).
   */
  public boolean matchesNothing(long maxVisits) {
    for (Glob glob : globs) {
      boolean[] found = {false};
      if (!walk(glob, maxVisits, file -> {
        found[0] = true;
        return false;
      }) || found[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first regular file found for any glob (in walk order), or null when none is found within
   * {@code maxVisits} directory entries per glob.
   */
  public @org.jspecify.annotations.Nullable Path firstMatch(long maxVisits) {
    for (Glob glob : globs) {
      Path[] found = {null};
      walk(glob, maxVisits, file -> {
        found[0] = file;
        return false;
      });
      if (found[0] != null) {
        return found[0];
      }
    }
    return null;
  }

  /**
   * Walks the glob's base directory, calling {@code onMatch} for each matching regular file until
   * it returns false.
   *
   * @return false when the walk stopped after {@code maxVisits} entries
   */
  private static boolean walk(Glob glob, long maxVisits, Predicate<Path> onMatch) {
    if (!Files.isDirectory(glob.base)) {
      return true;
    }
    long[] visits = {0};
    try {
      Files.walkFileTree(
          glob.base,
          EnumSet.noneOf(FileVisitOption.class),
          glob.depth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return ++visits[0] > maxVisits ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (glob.matcher.matches(file) && Files.isRegularFile(file) && !onMatch.test(file)) {
                return FileVisitResult.TERMINATE;
              }
              return ++visits[0] > maxVisits ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // walkFileTree reports failures through visitFileFailed; nothing else is expected here.
    }
    return visits[0] <= maxVisits;
  }

  @Override
  public String toString() {
    List<String> texts = new ArrayList<>();
    globs.forEach(g -> texts.add(g.text));
    return texts.toString();
  }
}
