package io.mcpwatch.source.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** File identity (device and inode) and content fingerprints. */
final class FileIdentity {
  private static final boolean UNIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  private FileIdentity() {}

  /**
   * The identity of the file at {@code path} (symbolic links followed): {@code dev:ino} where the
   * file system has them, else {@link BasicFileAttributes#fileKey()}, else null.
   *
   * @throws IOException if there is no such file (e.g. {@link java.nio.file.NoSuchFileException})
   */
  static @Nullable String key(Path path) throws IOException {
    if (UNIX) {
      Map<String, Object> attrs = Files.readAttributes(path, "unix:dev,ino");
      return String.format(Locale.ROOT, "%s:%s", attrs.get("dev"), attrs.get("ino"));
    }
    Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    return key == null ? null : key.toString();
  }

  /**
   * The directories where a rotated or copied version of {@code path} may be: its parent and, if
   * the path goes through a symbolic link (Kubernetes' {@code /var/log/containers/*.log}), the
   * parent of the file it points to.
   */
  static Set<Path> directoriesOf(Path path) {
    Set<Path> dirs = new LinkedHashSet<>();
    Path parent = path.getParent();
    if (parent != null) {
      dirs.add(parent);
    }
    try {
      Path real = path.toRealPath().getParent();
      if (real != null) {
        dirs.add(real);
      }
    } catch (IOException | SecurityException e) {
      // gone or unreadable: only the parent
    }
    return dirs;
  }

  /** Reads up to {@code max} bytes from the start of the channel (fewer if the file is shorter). */
  static byte[] readHead(FileChannel channel, int max) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(max);
    while (buf.hasRemaining()) {
      int n = channel.read(buf, buf.position());
      if (n <= 0) {
        break;
      }
    }
    return buf.position() == max ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
  }

  /** Reads up to {@code length} bytes at {@code position} into {@code buf}; returns how many. */
  static int readFully(FileChannel channel, byte[] buf, int offset, int length, long position)
      throws IOException {
    ByteBuffer target = ByteBuffer.wrap(buf, offset, length);
    int total = 0;
    while (target.hasRemaining()) {
      int n = channel.read(target, position + total);
      if (n <= 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Hex of the first 16 bytes of the SHA-256 of {@code bytes[0, length)}. */
  static String hash(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, length);
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** True if {@code a} and {@code b} agree on their first {@code length} bytes. */
  static boolean samePrefix(byte[] a, byte[] b, int length) {
    return a.length >= length && b.length >= length && Arrays.equals(a, 0, length, b, 0, length);
  }
}
