package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
      boolean renamed,
      How how) {}

  /** How a claim was found. */
  enum How {
    /** By the checkpoint's file key. */
    KEY,
    /** By the checkpoint's head fingerprint: a copy (copytruncate). */
    COPY,
    /**
     * A generation rotated away while we were down, newer than every checkpointed one of its live
     * file and never read: read from its beginning.
     */
    FOLLOWED
  }

  /**
   * @param claims the files to track, rotated generations in the order they are to be read
   * @param notices what to log
   * @param lost checkpoints whose file was not found
   * @param gaps possible gaps, one reason each (lines may have been missed)
   */
  record Plan(List<Claim> claims, List<String> notices, int lost, List<String> gaps) {}

  private static final class Candidate {
    final Path path;
    final @Nullable String key;
    final long size;
    final boolean inGlob;
    final FileTime modified;
    final Map<Integer, String> hashes = new HashMap<>();

    Candidate(Path path, @Nullable String key, long size, boolean inGlob, FileTime modified) {
      this.path = path;
      this.key = key;
      this.size = size;
      this.inGlob = inGlob;
      this.modified = modified;
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
    return plan(restored, matched, globs, true);
  }

  /**
   * @param followRotated read the generations rotated away while we were down that are newer than
   *     every checkpointed one (see {@link #followRotated})
   */
  static Plan plan(
      Collection<FileCheckpoint> restored,
      SortedSet<Path> matched,
      GlobSet globs,
      boolean followRotated) {
    Map<Path, Candidate> candidates = candidates(restored, matched, globs);
    Map<String, Candidate> byKey = byKey(candidates);
    List<Claim> claims = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
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
        claims.add(new Claim(found.path, found.key, cp, found.inGlob, renamed, How.COPY));
        if (renamed) {
          notices.add(
              String.format(
                  Locale.ROOT,
                  "%s at offset %d continues in %s (a copy)",
                  cp.path(),
                  cp.offset(),
                  found.path));
        }
      } else if (cp.finished()) {
        notices.add(
            String.format(
                Locale.ROOT,
                "%s (key %s) is gone; it had been rotated and read to its end",
                cp.path(),
                cp.fileKey()));
      } else {
        lost++;
        String what =
            String.format(
                Locale.ROOT,
                "checkpoint of %s (key %s, offset %d) matches no file: lines after it may be lost"
                    + " (deleted, compressed or moved out of its directory while mcpwatch was"
                    + " stopped)",
                cp.path(),
                cp.fileKey(),
                cp.offset());
        notices.add(what);
        gaps.add(what);
      }
    }
    for (FileCheckpoint cp : weak) {
      claimByKey(cp, byKey, claimed, claims, notices);
    }
    if (followRotated) {
      followRotated(restored, matched, globs, candidates, claimed, claims, notices, gaps,
          When.STOPPED);
    }
    return new Plan(claims, notices, lost, gaps);
  }

  /** When the generations being followed were rotated away, as the notices say it. */
  private enum When {
    STOPPED("while mcpwatch was stopped"),
    BETWEEN_POLLS("between two polls");

    final String text;

    When(String text) {
      this.text = text;
    }
  }

  /**
   * While running, right after a poll found a tracked file rotated away: the generations of its
   * live file rotated away since the last poll under names the globs do not match, which were
   * never seen under the live name (logrotate ran twice or more between two polls: {@code app.log}
   * → {@code app.log.2}, the file in between now {@code app.log.1}). The same rules as after a
   * stop ({@link #followRotated}): such a generation is read from its beginning, oldest first,
   * when its name and modification time both say it is newer than the tracked one; else a
   * possible gap. Unlike after a stop, a generation last modified before the rotated file is never
   * a gap: it is an older one, read while it was the live file (with names that count up, {@code
   * app.log.1} the oldest, every older generation's name says "newer"). Returns only those claims
   * ({@link How#FOLLOWED}) and gaps: the tracked files stay as they are.
   *
   * @param tracked the checkpoints of the files this poll found rotated away, taken before the
   *     globs are expanded again (a new file at the live path is not tracked yet); only their
   *     directories are looked at
   */
  static Plan rotatedBetweenPolls(
      Collection<FileCheckpoint> tracked, SortedSet<Path> matched, GlobSet globs) {
    Map<Path, Candidate> candidates = candidates(tracked, matched, globs);
    Map<String, Candidate> byKey = byKey(candidates);
    List<Claim> claims = new ArrayList<>();
    Set<Candidate> claimed = new HashSet<>();
    List<String> ignored = new ArrayList<>();
    for (FileCheckpoint cp : tracked) {
      claimByKey(cp, byKey, claimed, claims, ignored);
    }
    List<String> notices = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    followRotated(tracked, matched, globs, candidates, claimed, claims, notices, gaps,
        When.BETWEEN_POLLS);
    List<Claim> followed = new ArrayList<>();
    for (Claim c : claims) {
      if (c.how() == How.FOLLOWED) {
        followed.add(c);
      }
    }
    return new Plan(followed, notices, 0, gaps);
  }

  /** The files the globs match and the other files in the checkpoints' directories. */
  private static Map<Path, Candidate> candidates(
      Collection<FileCheckpoint> checkpoints, SortedSet<Path> matched, GlobSet globs) {
    Map<Path, Candidate> candidates = new TreeMap<>();
    for (Path path : matched) {
      addCandidate(candidates, path, true);
    }
    Set<Path> dirs = new TreeSet<>();
    for (FileCheckpoint cp : checkpoints) {
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
    return candidates;
  }

  private static Map<String, Candidate> byKey(Map<Path, Candidate> candidates) {
    Map<String, Candidate> byKey = new HashMap<>();
    for (Candidate c : candidates.values()) {
      if (c.key != null) {
        byKey.putIfAbsent(c.key, c);
      }
    }
    return byKey;
  }

  /**
   * The generations of a live file rotated away while we were down, after the newest checkpointed
   * one, under names the globs do not match (with {@code *.log}: {@code app.log.1}, {@code
   * app.log-20261206}). Such a generation was never read: every file the last run read and closed
   * was older than the one then at the live path, which has a checkpoint. A generation is read
   * (from its beginning, oldest first, after the checkpointed ones) only when it is newer than the
   * newest checkpointed generation by both its rotated name ({@link RotatedName}) and its
   * modification time, its identity has no checkpoint, and it is not compressed. Where a newer
   * generation cannot be read (compressed, copied by copytruncate, or its name and time do not
   * agree), a possible gap is reported instead; nothing is ever read twice on a guess.
   */
  private static void followRotated(
      Collection<FileCheckpoint> restored,
      SortedSet<Path> matched,
      GlobSet globs,
      Map<Path, Candidate> candidates,
      Set<Candidate> claimed,
      List<Claim> claims,
      List<String> notices,
      List<String> gaps,
      When when) {
    // live path -> the paths it is reached by (a symbolic link matched by the globs, e.g.
    // Kubernetes' /var/log/containers/*.log, names a file whose generations are next to its target)
    Map<Path, Set<Path>> lives = new TreeMap<>();
    Set<Path> livePaths = new TreeSet<>(matched);
    for (FileCheckpoint cp : restored) {
      Path p = pathOf(cp);
      if (p != null && globs.matches(p)) {
        livePaths.add(p);
      }
    }
    for (Path p : livePaths) {
      lives.computeIfAbsent(p, k -> new HashSet<>()).add(p);
      try {
        Path real = p.toRealPath();
        if (!real.equals(p)) {
          Set<Path> aliases = lives.computeIfAbsent(real, k -> new HashSet<>());
          aliases.add(real);
          aliases.add(p);
        }
      } catch (IOException | SecurityException e) {
        // gone: its generations can only be next to it
      }
    }
    Set<String> claimedKeys = new HashSet<>();
    for (Claim c : claims) {
      if (c.key() != null) {
        claimedKeys.add(c.key());
      }
    }
    List<Claim> followed = new ArrayList<>();
    for (Map.Entry<Path, Set<Path>> entry : lives.entrySet()) {
      Path live = entry.getKey();
      Path dir = live.getParent();
      if (dir == null || live.getFileName() == null) {
        continue;
      }
      String liveName = live.getFileName().toString();
      // the generations in the directory, rotated names only, not matched by the globs
      Map<Candidate, RotatedName> generations = new LinkedHashMap<>();
      for (Candidate c : candidates.values()) {
        if (!dir.equals(c.path.getParent()) || c.inGlob) {
          continue;
        }
        RotatedName name = RotatedName.of(liveName, c.path.getFileName().toString());
        if (name != null) {
          generations.put(c, name);
        }
      }
      if (generations.isEmpty()) {
        continue;
      }
      Claim atLive = null;
      Candidate newest = null;
      Candidate newestCopy = null;
      for (Claim claim : claims) {
        Candidate c = candidates.get(claim.path());
        if (entry.getValue().contains(claim.path())
            && claim.checkpoint() != null
            && claim.how() == How.KEY) {
          atLive = claim;
        }
        if (c == null || !generations.containsKey(c) || claim.checkpoint() == null) {
          continue;
        }
        if (claim.how() == How.COPY) {
          if (newestCopy == null || generations.get(c).newerThan(generations.get(newestCopy)) > 0) {
            newestCopy = c;
          }
        } else if (newest == null || generations.get(c).newerThan(generations.get(newest)) > 0) {
          newest = c;
        }
      }
      if (atLive != null) {
        continue; // the checkpointed live file is still there: nothing newer was rotated away
      }
      if (newestCopy != null) {
        List<Path> after = newerUnread(newestCopy, generations, claimedKeys);
        if (!after.isEmpty()) {
          String what =
              String.format(
                  Locale.ROOT,
                  "%s was copied and truncated more than once %s: the lines only in %s were"
                      + " not read (copytruncate generations cannot be followed)",
                  live,
                  when.text,
                  names(after));
          notices.add(what);
          gaps.add(what);
        }
        continue;
      }
      if (newest == null) {
        continue;
      }
      List<Candidate> follow = new ArrayList<>();
      List<Path> unsure = new ArrayList<>();
      List<Path> compressed = new ArrayList<>();
      RotatedName ref = generations.get(newest);
      for (Map.Entry<Candidate, RotatedName> g : generations.entrySet()) {
        Candidate c = g.getKey();
        if (c.key == null || claimedKeys.contains(c.key) || claimed.contains(c) || c.size == 0) {
          continue;
        }
        int byName = g.getValue().newerThan(ref);
        int byTime = c.modified.compareTo(newest.modified);
        if (when == When.BETWEEN_POLLS && byTime <= 0) {
          continue; // written before the file just rotated: an older generation, read before
        }
        if (byName > 0 && g.getValue().compressed()) {
          compressed.add(c.path);
        } else if (byName > 0 && byTime > 0) {
          follow.add(c);
        } else if (byName > 0 || (byName == 0 && byTime > 0)) {
          unsure.add(c.path); // the name and the time disagree, or the name does not tell
        }
      }
      follow.sort((a, b) -> generations.get(a).newerThan(generations.get(b))); // oldest first
      for (int i = 1; i < follow.size(); i++) {
        if (follow.get(i).modified.compareTo(follow.get(i - 1).modified) < 0) {
          // the times contradict the names: read none of them
          follow.forEach(c -> unsure.add(c.path));
          follow.clear();
          break;
        }
      }
      for (Candidate c : follow) {
        claimed.add(c);
        claimedKeys.add(Objects.requireNonNull(c.key));
        followed.add(new Claim(c.path, c.key, null, false, true, How.FOLLOWED));
        notices.add(
            String.format(
                Locale.ROOT,
                "%s is a generation of %s rotated away %s, after %s: reading it from its"
                    + " beginning",
                c.path,
                live,
                when.text,
                newest.path));
      }
      if (!compressed.isEmpty()) {
        String what =
            String.format(
                Locale.ROOT,
                "%s was rotated %s into compressed files that cannot be followed: the lines"
                    + " in %s were not read",
                live,
                when.text,
                names(compressed));
        notices.add(what);
        gaps.add(what);
      }
      if (!unsure.isEmpty()) {
        unsure.sort(null);
        String what =
            String.format(
                Locale.ROOT,
                "%s was rotated %s, but whether %s came after %s (their names and"
                    + " modification times disagree) cannot be told: not read, lines may have been"
                    + " missed",
                live,
                when.text,
                names(unsure),
                newest.path);
        notices.add(what);
        gaps.add(what);
      }
    }
    claims.addAll(followed);
  }

  /** The non-empty unclaimed generations newer by name than {@code ref}. */
  private static List<Path> newerUnread(
      Candidate ref,
      Map<Candidate, RotatedName> generations,
      Set<String> claimedKeys) {
    List<Path> out = new ArrayList<>();
    RotatedName name = generations.get(ref);
    for (Map.Entry<Candidate, RotatedName> g : generations.entrySet()) {
      Candidate c = g.getKey();
      if (c.size > 0
          && (c.key == null || !claimedKeys.contains(c.key))
          && g.getValue().newerThan(name) > 0) {
        out.add(c.path);
      }
    }
    out.sort(null);
    return out;
  }

  private static String names(List<Path> paths) {
    int shown = Math.min(paths.size(), 3);
    String list = String.join(", ", paths.subList(0, shown).stream().map(Path::toString).toList());
    return paths.size() > shown ? list + " and " + (paths.size() - shown) + " more" : list;
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
      claims.add(new Claim(c.path, c.key, cp, c.inGlob, renamed, How.KEY));
      if (renamed && !c.inGlob) {
        notices.add(
            String.format(
                Locale.ROOT,
                "%s was rotated to %s while mcpwatch was stopped: reading it to its end",
                cp.path(),
                c.path));
      }
      return true;
    }
    if (c.inGlob) {
      claimed.add(c);
      claims.add(new Claim(c.path, c.key, null, true, false, How.KEY));
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
        candidates.put(
            path,
            new Candidate(
                path, FileIdentity.key(path), attrs.size(), inGlob, attrs.lastModifiedTime()));
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
