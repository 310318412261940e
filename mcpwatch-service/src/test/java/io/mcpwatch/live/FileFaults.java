package io.mcpwatch.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real file-system faults for the fault-injection tests. {@link #immutable} sets the Linux
 * immutable attribute ({@code chattr +i}): every write, even through a descriptor opened before,
 * then fails with EPERM, as on a file system remounted read-only. Needs CAP_LINUX_IMMUTABLE (root)
 * and ext4/xfs/btrfs; elsewhere the calling test is skipped (an assumption), never faked.
 */
final class FileFaults {
  private FileFaults() {}

  /** Makes the existing {@code files} immutable until the returned handle is closed. */
  static AutoCloseable immutable(Path... files) throws Exception {
    List<Path> done = new ArrayList<>();
    for (Path f : files) {
      if (Files.exists(f)) {
        assumeTrue(chattr("+i", f), "chattr +i is not available here (needs root on ext4)");
        done.add(f);
      }
    }
    return () -> {
      for (Path f : done) {
        chattr("-i", f);
      }
    };
  }

  private static boolean chattr(String flag, Path f) throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder("chattr", flag, f.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no chattr on this machine
    }
  }
}
