package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds the files restored checkpoints belong to: by file key first (the file may have been renamed
 * while we were down), then by head fingerprint (a copy left by copytruncate), preferring the
 * checkpoint's own path. Candidates are the files the globs match plus the other files in the
 * checkpoints' directories (rotated names the globs do not match).
 */
final class Restore {
  /**
   * A file to track from a checkpoint, or (checkpoint null) from its beginning because its content
   * changed since the checkpoint (truncated, or its inode reused by a new file).
   */
  record Claim(
      Path path,
      @Nullable String key,
      @Nullable FileCheckpoint checkpoint,
      boolean inGlob,
      boolean renamed) {}

  record Plan(List<Claim> claims, List<String> notices, int lost) {}

  private static final class Candidate {
    final Path path;
    final @Nullable String key;
    final long size;
    final boolean inGlob;
    final Map<Integer, String> hashes = new HashMap<>();

    Candidate(Path path, @Nullable String key, long size, boolean inGlob) {
      this.path = path;
      this.key = key;
      this.size = size;
      this.inGlob = inGlob;
    }

    /** True if the file still holds what the checkpoint saw: the same head, no fewer bytes. */
    boolean holds(FileCheckpoint cp) {
      if (size < cp.offset() || size < cp.headLength()) {
        return false;
      }
      String hash =
          hashes.computeIfAbsent(
              cp.headLength(),
              length -> {
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                  byte[] head = FileIdentity.readHead(ch, length);
                  return head.length == length ? FileIdentity.hash(head, length) : "";
                } catch (IOException e) {
                  return "";
                }
              });
      return hash.equals(cp.headHash());
    }
  }

  private Restore() {}

  static Plan plan(Collection<FileCheckpoint> restored, SortedSet<Path> matched, GlobSet globs) {
    Map<Path, Candidate> candidates = new TreeMap<>();
    for (Path path : matched) {
      addCandidate(candidates, path, true);
    }
    Set<Path> dirs = new TreeSet<>();
    for (FileCheckpoint cp : restored) {
      dirs.addAll(directoriesOf(cp));
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        list.sorted().forEach(p -> addCandidate(candidates, p, globs.matches(p)));
      } catch (IOException | RuntimeException e) {
        // an unreadable directory only narrows the search
      }
    }
    Map<String, Candidate> byKey = new HashMap<>();
    for (Candidate c : candidates.values()) {
      if (c.key != null) {
        byKey.putIfAbsent(c.key, c);
      }
    }
    List<Claim> claims = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    Set<Candidate> claimed = new HashSet<>();
    // Checkpoints at offset 0 (nothing read yet, e.g. a file held as a possible copy) are weak:
    // they yield their file to a checkpoint that finds it by fingerprint (an adopted copy).
    List<FileCheckpoint> strong = new ArrayList<>();
    List<FileCheckpoint> weak = new ArrayList<>();
    for (FileCheckpoint cp : restored) {
      (cp.offset() > 0 ? strong : weak).add(cp);
    }
    List<FileCheckpoint> unresolved = new ArrayList<>();
    for (FileCheckpoint cp : strong) {
      if (!claimByKey(cp, byKey, claimed, claims, notices)) {
        unresolved.add(cp);
      }
    }
    int lost = 0;
    for (FileCheckpoint cp : unresolved) {
      Candidate found = cp.headLength() == 0 ? null : byFingerprint(cp, candidates, claimed);
      if (found != null) {
        claimed.add(found);
        boolean renamed = !found.path.toString().equals(cp.path());
        claims.add(new Claim(found.path, found.key, cp, found.inGlob, renamed));
        if (renamed) {
          notices.add(
              String.format(
                  Locale.ROOT,
                  "%s at offset %d continues in %s (a copy)",
                  cp.path(),
                  cp.offset(),
                  found.path));
        }
      } else {
        lost++;
        notices.add(
            String.format(
                Locale.ROOT,
                "checkpoint of %s (key %s, offset %d) matches no file: lines after it may be lost",
                cp.path(),
                cp.fileKey(),
                cp.offset()));
      }
    }
    for (FileCheckpoint cp : weak) {
      claimByKey(cp, byKey, claimed, claims, notices);
    }
    return new Plan(claims, notices, lost);
  }

  /**
   * Claims the file with the checkpoint's key: at the checkpoint if it still holds what the
   * checkpoint saw, else (if the globs match it) from its beginning. True if the checkpoint's
   * position was found.
   */
  private static boolean claimByKey(
      FileCheckpoint cp,
      Map<String, Candidate> byKey,
      Set<Candidate> claimed,
      List<Claim> claims,
      List<String> notices) {
    Candidate c = cp.fileKey() == null ? null : byKey.get(cp.fileKey());
    if (c == null || claimed.contains(c)) {
      return false;
    }
    if (c.holds(cp)) {
      claimed.add(c);
      boolean renamed = !c.path.toString().equals(cp.path());
      claims.add(new Claim(c.path, c.key, cp, c.inGlob, renamed));
      if (renamed && !c.inGlob) {
        notices.add(
            String.format(
                Locale.ROOT,
                "%s was rotated to %s while mcpwatch was stopped: it is read to its end, but"
                    + " generations rotated after it under names the globs do not match are not"
                    + " read (up to everything written while stopped may be missed; a glob such"
                    + " as %s* follows them)",
                cp.path(),
                c.path,
                cp.path()));
      }
      return true;
    }
    if (c.inGlob) {
      claimed.add(c);
      claims.add(new Claim(c.path, c.key, null, true, false));
      notices.add(
          String.format(
              Locale.ROOT,
              "%s changed since its checkpoint (truncated or replaced): reading it from the start",
              c.path));
    }
    return false;
  }

  private static @Nullable Candidate byFingerprint(
      FileCheckpoint cp, Map<Path, Candidate> candidates, Set<Candidate> claimed) {
    Path own = pathOf(cp);
    Candidate same = own == null ? null : candidates.get(own);
    if (same != null && !claimed.contains(same) && same.holds(cp)) {
      return same;
    }
    Set<Path> dirs = directoriesOf(cp);
    for (Candidate c : candidates.values()) {
      if (c != same && !claimed.contains(c) && dirs.contains(c.path.getParent()) && c.holds(cp)) {
        return c;
      }
    }
    return null;
  }

  /** The file with identity {@code key} in the directories of {@code near}, or null. */
  static @Nullable Path findByKey(Path near, String key) {
    for (Path dir : FileIdentity.directoriesOf(near)) {
      try (Stream<Path> list = Files.list(dir)) {
        for (Path p : (Iterable<Path>) list.sorted()::iterator) {
          try {
            if (Files.isRegularFile(p) && key.equals(FileIdentity.key(p))) {
              return p;
            }
          } catch (IOException e) {
            // vanished meanwhile
          }
        }
      } catch (IOException | RuntimeException e) {
        // an unreadable directory only narrows the search
      }
    }
    return null;
  }

  private static void addCandidate(Map<Path, Candidate> candidates, Path path, boolean inGlob) {
    if (candidates.containsKey(path)) {
      return;
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (attrs.isRegularFile()) {
        candidates.put(path, new Candidate(path, FileIdentity.key(path), attrs.size(), inGlob));
      }
    } catch (IOException e) {
      // vanished or unreadable: not a candidate
    }
  }

  private static @Nullable Path pathOf(FileCheckpoint cp) {
    try {
      return Path.of(cp.path()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static Set<Path> directoriesOf(FileCheckpoint cp) {
    Path path = pathOf(cp);
    return path == null ? Set.of() : FileIdentity.directoriesOf(path);
  }
}
